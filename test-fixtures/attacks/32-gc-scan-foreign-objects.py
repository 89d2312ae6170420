# attack: scan the heap (gc.get_objects, else a gc.get_referents walk) for Java-backed objects and call Java on them
# expect: denied
import gc
import sys
import interpreters

roots = [sys.modules, interpreters.create, interpreters.create_queue(), sys.meta_path]
get_objects = getattr(gc, 'get_objects', None)
seen, objects = set(), list(get_objects()) if get_objects else list(roots)
for obj in objects:                         # breadth-first walk when gc.get_objects is missing (GraalPy)
    for ref in gc.get_referents(obj) + [getattr(c, 'cell_contents', None) for c in getattr(obj, '__closure__', None) or ()]:
        if id(ref) not in seen and len(objects) < 200000:
            seen.add(id(ref))
            objects.append(ref)
foreign = [o for o in objects if type(o).__module__ == 'polyglot']
print('Java-backed objects found:', len(foreign), sorted({type(o).__name__ for o in foreign}))
system = foreign[0].getClass().forName('java.lang.System')
print('ESCAPED', system)
