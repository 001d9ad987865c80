"""One module per screen; dialogs are ``ModalScreen[T]`` returning their result through ``dismiss``."""
