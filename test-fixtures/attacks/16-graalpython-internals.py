# attack: GraalPy's own __graalpython__ module: read_file and the host class-path helpers
# expect: denied
# __graalpython__.read_file reads files for GraalPy's importer; it must not bypass the policy.
import __graalpython__

data = __graalpython__.read_file('/etc/passwd')
print('ESCAPED', data[:40])
