# Sourced by the bench scripts: sets and exports JAVA_HOME to a JDK 25 or newer (JAVA_HOME when it is one, else
# the Temurin 25 of this project's machines), puts it first on PATH and sets JAVA; exits with a message otherwise.

java_feature() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" || "$(java_feature "$JAVA_HOME")" -lt 25 ]]; then
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [[ ! -x "$JAVA_HOME/bin/java" || "$(java_feature "$JAVA_HOME")" -lt 25 ]]; then
    echo "$(basename "$0"): needs JDK 25 or newer: set JAVA_HOME to one (tried $JAVA_HOME)" >&2
    exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
JAVA="$JAVA_HOME/bin/java"
