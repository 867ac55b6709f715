#!/usr/bin/env bash
# Compiles the JUnit 5 tests against imapi.jar and runs them with Debian's
# console launcher (no Maven/Gradle, no network).
#   run_tests.sh JAVAC JAVA JUNIT_CONSOLE_JAR IMAPI_JAR NATIVE_DIR TEST_SRC_DIR CLASSES_DIR SOURCE_ROOT
# (SOURCE_ROOT: the project, whose src/ messages JavaNamesTest scans.)
set -euo pipefail
javac=$1 java=$2 junit=$3 jar=$4 native=$5 src=$6 classes=$7 root=$8
rm -rf "$classes"
mkdir -p "$classes"
"$javac" -encoding UTF-8 -Xlint:all -cp "$jar:$junit" -d "$classes" $(find "$src" -name '*.java')
# The library comes from java.library.path here (the jar's copy is tested by the example).
exec "$java" -Djava.library.path="$native" -Dimapi.source.dir="$root" -jar "$junit" --disable-banner --disable-ansi-colors --details=tree \
  --class-path "$jar:$classes" --select-package org.libimapi --fail-if-no-tests
