# Thin wrappers over Maven and scripts/. A JDK 21+ is found by scripts/find-java.
JAVA_HOME := $(shell scripts/find-java)
export JAVA_HOME
MVN := mvn -B -Dstyle.color=never

.PHONY: build install test demo plugin-demo bench clean check-java

build: check-java
	$(MVN) -q package -DskipTests

# The library into ~/.m2, for an application's own build (the start-up cache is only for the CLI).
install: check-java
	$(MVN) -q install -DskipTests -Daot.skip=true

# Unit tests (interpreter-only, faster on 2 cores) and the launcher tests (JIT on), then an application
# built outside this build against what was installed, as a user's project is (examples/embedding).
test: check-java
	$(MVN) install
	$(MVN) -f examples/embedding/pom.xml verify

demo: build
	scripts/runner demo test-fixtures/demo

# A Java application embedding a Python and a JavaScript plugin (examples/plugin-host/).
plugin-demo: build
	RUNNER_MAIN=dev.subinterp.examples.pluginhost.PluginHostExample \
	RUNNER_CLASSPATH=examples/plugin-host/target/classes \
	scripts/runner examples/plugin-host/plugins

# Every benchmark in one table beside CPython 3.13 and 3.11 (README.md, Performance; scripts/bench/run).
bench: build
	scripts/bench/run

clean:
	$(MVN) -q clean

check-java:
	@test -n "$(JAVA_HOME)" || { echo "make: no JDK 21 or newer found; install one or set JAVA_HOME" >&2; exit 1; }
