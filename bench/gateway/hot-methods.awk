# Summarises `jfr print --stack-depth 64 --events jdk.ExecutionSample` output: the methods most often on top of
# the stack (self time), the methods most often anywhere on it (inclusive time), and self time by package.
function method(frame) {
  sub(/^[ \t]+/, "", frame); sub(/[ \t]+line:.*$/, "", frame); sub(/\(.*$/, "", frame)
  return frame
}
function pkg(m,   parts, n, i, out) {
  n = split(m, parts, ".")
  out = parts[1]
  for (i = 2; i <= n - 2 && i <= 3; i++) out = out "." parts[i]
  return out
}
/^jdk\.ExecutionSample/ { samples++; depth = 0; delete seen; next }
/stackTrace = \[/ { inStack = 1; next }
inStack && /^[ \t]*\]/ { inStack = 0; next }
inStack && /\.\.\./ { next }
inStack {
  m = method($0)
  if (depth == 0) { self[m]++; selfPkg[pkg(m)]++ }
  if (!(m in seen)) { seen[m] = 1; incl[m]++ }
  depth++
}
END {
  printf "%d samples\n\nSelf (top of stack):\n", samples
  for (m in self) printf "%6.2f%%  %s\n", 100 * self[m] / samples, m | "sort -rn | head -30"
  close("sort -rn | head -30")
  printf "\nSelf by package:\n"
  for (p in selfPkg) printf "%6.2f%%  %s\n", 100 * selfPkg[p] / samples, p | "sort -rn | head -20"
  close("sort -rn | head -20")
  printf "\nInclusive (anywhere on the stack), io.tollgate and io.vertx/io.netty/io.quarkus frames:\n"
  for (m in incl) if (m ~ /^(io\.tollgate|io\.vertx|io\.netty|io\.quarkus|io\.smallrye|com\.fasterxml)/) printf "%6.2f%%  %s\n", 100 * incl[m] / samples, m | "sort -rn | head -50"
  close("sort -rn | head -50")
}
