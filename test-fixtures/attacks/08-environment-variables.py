# attack: read the host's environment variables through os.environ and os.getenv
# expect: completed
# Under strict the guest sees an empty environment; GraalPy adds only its own
# UNSAFE_PYO3_SKIP_VERSION_CHECK, which comes from GraalPy itself, not from the host.
import os

leaked = {name: os.getenv(name) for name in ('HOME', 'PATH', 'USER', 'PWD', 'JAVA_HOME', 'LANG', 'SHELL')}
leaked = {name: value for name, value in leaked.items() if value is not None}
others = [name for name in os.environ if name != 'UNSAFE_PYO3_SKIP_VERSION_CHECK']
if leaked or others:
    print('ESCAPED', leaked, others)
print('environment seen by the guest:', dict(os.environ))
