# Finds a JDK 25 or newer for ./mvnw and ./lanes (POSIX sh, sourced; defines functions and lanes_min_java).
#
# lanes_jdk prints the home of the first of: $JAVA_HOME, the java on PATH, the newest JDK in the usual install
# locations (/usr/lib/jvm, /usr/java, /opt, /Library/Java/JavaVirtualMachines, Homebrew, SDKMAN!, IntelliJ's
# ~/.jdks, asdf, mise) that is version 25 or newer and has the jdk.incubator.vector module; nothing if none is.

lanes_min_java=25

# The feature version (17, 25, ...) of the JDK at $1; nothing if it is none or lacks the Vector API module.
lanes_jdk_version() {
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$1/release" ]; then
    lanes_modules=$(sed -n 's/^MODULES="\(.*\)"$/\1/p' "$1/release")
    case " $lanes_modules " in
      "  " | *" jdk.incubator.vector "*) ;;
      *) return 0 ;;
    esac
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p'
  fi
}

# Whether the JDK at $1 is version $lanes_min_java or newer.
lanes_jdk_suitable() {
  lanes_v=$(lanes_jdk_version "$1")
  [ -n "$lanes_v" ] && [ "$lanes_v" -ge "$lanes_min_java" ]
}

lanes_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && lanes_jdk_suitable "$JAVA_HOME"; then
    printf '%s\n' "$JAVA_HOME"
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    lanes_home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')
    if [ -n "$lanes_home" ] && lanes_jdk_suitable "$lanes_home"; then
      printf '%s\n' "$lanes_home"
      return 0
    fi
  fi
  lanes_best=
  lanes_best_version=0
  # ./mvnw runs with globbing off (set -f): turn it on for the search, then back.
  case $- in *f*) lanes_noglob=1 ;; *) lanes_noglob= ;; esac
  set +f
  for lanes_home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/openjdk* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/Library/Java/JavaVirtualMachines/*/Contents/Home \
      /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
      /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.asdf/installs/java/* \
      "$HOME"/.local/share/mise/installs/java/*; do
    [ -d "$lanes_home" ] || continue
    lanes_v=$(lanes_jdk_version "$lanes_home")
    if [ -n "$lanes_v" ] && [ "$lanes_v" -ge "$lanes_min_java" ] && [ "$lanes_v" -gt "$lanes_best_version" ]; then
      lanes_best=$lanes_home
      lanes_best_version=$lanes_v
    fi
  done
  [ -z "$lanes_noglob" ] || set -f
  [ -z "$lanes_best" ] || printf '%s\n' "$lanes_best"
  return 0
}
