# Sourced by scripts/runner and scripts/build-aot, which must agree on where the start-up cache lives
# and when it can be used. Needs $target (runner/target).
image="$target/jdk" cache="$target/runner.aot"

# Whether $image is the JDK at $1 linked without the Graal placeholder.
image_made_from() {
  [ "$(cat "$image/source-java-home" 2>/dev/null)" = "$1" ]
}

# Whether $cache is newer than every jar it was trained with (the JVM refuses it for other jars).
cache_fresh() {
  local j
  for j in "$target"/runner-*.jar "$target"/lib/*.jar "$target"/jit/*.jar "$image/source-java-home"; do
    [ "$cache" -nt "$j" ] || return 1
  done
}
