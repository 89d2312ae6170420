# Capture an interpreter's stdout: redirect it over there and send the text back as a str.
from concurrent import interpreters

interp = interpreters.create()
interp.exec("""
import contextlib, io
def captured(code):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(code, {})
    return buffer.getvalue()
""")
text = interp.call("captured", "for i in range(3):\n    print('line', i)")
print(repr(text))
print("printed directly shares our stdout:")
interp.exec("print('  from the other interpreter')")
print("done")
interp.close()
