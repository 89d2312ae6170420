# Sourced by scripts/bench/run and startup: find_python 3.13 prints the path of a CPython 3.13 found on
# the PATH or under pyenv, the interpreter itself (a version manager's shim costs more than python's
# start), or fails; python_missing 3.13 prints the figure line (bench/'s Figure) that says it is missing.
find_python() {
  local p
  for p in "$HOME"/.pyenv/versions/"$1"*/bin/"python$1" "python$1"; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c "import sys; assert sys.version_info[:2] == (${1/./, })" 2>/dev/null; then
      "$p" -c 'import sys; print(sys.executable)'; return 0
    fi
  done
  return 1
}

python_missing() {
  printf '{"side": "cpython", "system": "CPython %s", "skipped": "python%s not found on PATH or under ~/.pyenv/versions"}\n' "$1" "$1"
}
