# Pass values with prepare_main: they are copied in as JSON-like data (tuples arrive as lists).
from concurrent import interpreters

interp = interpreters.create()
config = {"name": "report", "sizes": (1, 2, 3), "blob": b"\x00\xff"}
interp.prepare_main(config=config, factor=10)
print(interp.call(lambda: [config["name"], [s * factor for s in config["sizes"]], len(config["blob"])]))
config["name"] = "changed here"
print(interp.call(lambda: config["name"]))
try:
    interp.prepare_main(handler=lambda: None)
except interpreters.NotShareableError as e:
    print("not shareable:", e)
interp.close()
