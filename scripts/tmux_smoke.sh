#!/usr/bin/env bash
# Smoke test of the terminal app in a real terminal (tmux, 80x24):
# start `assess tui` on an empty workspace, start a quick scan, answer a few questions by looking at
# the screen (choice: 1, date, number, the figures form or text), quit with ctrl+q, check the answer file, then start
# again and check the app resumes at the next question; answer one more and kill -9 the app: the file
# must be intact and hold that answer too.
#
# Usage: scripts/tmux_smoke.sh            (exit 0 when everything worked; prints the last screen)
set -euo pipefail

cd "$(dirname "$0")/.."
ASSESS=${ASSESS:-.venv/bin/assess}
PY=${PY:-.venv/bin/python}
WS=$(mktemp -d)
SESSION="assess-smoke-$$"
ANSWERS=${ANSWERS:-4}
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$WS"' EXIT

screen() { tmux capture-pane -p -t "$SESSION"; }

wait_for() {  # wait_for TEXT [SECONDS]: until TEXT is on screen
    local deadline=$((SECONDS + ${2:-10}))
    until screen | grep -qF -- "$1"; do
        if ((SECONDS > deadline)); then
            echo "FAIL: '$1' did not appear. Screen:" >&2
            screen >&2
            exit 1
        fi
        sleep 0.2
    done
}

start_app() {
    tmux new-session -d -s "$SESSION" -x 80 -y 24 "$ASSESS tui --workspace '$WS' --lang zh; sleep 5"
}

answer_one() {  # answer the question on screen according to its hint line
    local s
    s=$(screen)
    if grep -qF "逐项填写" <<<"$s"; then  # the figures form: the first figure, then "ask the accountant"
        tmux send-keys -t "$SESSION" -l "4800"
        sleep 0.3
        tmux send-keys -t "$SESSION" Enter
        sleep 0.3
        tmux send-keys -t "$SESSION" F6
    elif grep -qF "按数字" <<<"$s"; then
        tmux send-keys -t "$SESSION" 1
        sleep 0.3
        tmux send-keys -t "$SESSION" Enter
    elif grep -qF "格式：2024-05-01" <<<"$s"; then
        tmux send-keys -t "$SESSION" -l "2018-05-01"
        sleep 0.3
        tmux send-keys -t "$SESSION" Enter
    elif grep -qF "请填写数字" <<<"$s"; then
        tmux send-keys -t "$SESSION" -l "50"
        sleep 0.3
        tmux send-keys -t "$SESSION" Enter
    else
        tmux send-keys -t "$SESSION" -l "测试"
        sleep 0.3
        tmux send-keys -t "$SESSION" Enter
    fi
    sleep 0.6
}

start_app
wait_for "企业名称"
tmux send-keys -t "$SESSION" -l "淮安冒烟测试有限公司"
sleep 0.3
tmux send-keys -t "$SESSION" Enter
wait_for "第 1／"
for i in $(seq 1 "$ANSWERS"); do
    answer_one
    wait_for "第 $((i + 1))／"
done
tmux send-keys -t "$SESSION" C-q
sleep 1.5

"$PY" - "$WS" "$ANSWERS" <<'EOF'
import sys
from pathlib import Path
from assess.files.repair import list_workspace
ws, n = Path(sys.argv[1]), int(sys.argv[2])
entries = list_workspace(ws)
assert len(entries) == 1, entries
af = entries[0].answer_file
assert af is not None, entries[0].error
assert af.company.name == "淮安冒烟测试有限公司", af.company.name
answered = [q for q, a in af.answers.items() if a.is_real or a.special]
assert len(answered) == n, answered
assert af.progress.current, "no current question saved"
print(f"OK: {entries[0].path.name}: {len(answered)} answers, resume at {af.progress.current}")
EOF

tmux kill-session -t "$SESSION" 2>/dev/null || true
start_app
wait_for "淮安冒烟测试有限公司"
sleep 0.5
tmux send-keys -t "$SESSION" Enter
wait_for "第 $((ANSWERS + 1))／"
echo "OK: resumed at question $((ANSWERS + 1))"

# one more answer, then kill -9 the app (only our own process: the child of our tmux pane)
answer_one
wait_for "第 $((ANSWERS + 2))／"
screen
pane_pid=$(tmux display-message -p -t "$SESSION" '#{pane_pid}')
app_pid=$(pgrep -P "$pane_pid" | head -n1)
kill -9 "$app_pid"
sleep 0.5
"$PY" - "$WS" "$((ANSWERS + 1))" <<'EOF'
import sys
from pathlib import Path
from assess.files.repair import list_workspace
entries = list_workspace(Path(sys.argv[1]))
af = entries[0].answer_file
assert af is not None, entries[0].error
answered = [q for q, a in af.answers.items() if a.is_real or a.special]
assert len(answered) == int(sys.argv[2]), answered
print(f"OK: after kill -9 the file is intact with {len(answered)} answers")
EOF
