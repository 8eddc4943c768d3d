# The pass/fail lines of the shell checks (scripts/aot-check.sh, tests/docker/run.sh), sourced by both:
# ok NAME, bad NAME [OUTPUT] (the output's last 15 lines, indented), and the counts they keep.
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "  ok   $1"; }
bad() {
  failed=$((failed + 1))
  echo "  FAIL $1"
  if [ -n "${2:-}" ]; then printf '%s\n' "$2" | tail -n 15 | sed 's/^/         /'; fi
}
