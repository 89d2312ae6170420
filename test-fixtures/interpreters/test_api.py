# PEP 734's interpreters module, behaviour by behaviour (after CPython's test_interpreters/test_api.py).
# The harness runs checklist.py first (raises, kept_running).
import pickle
import sys
import threading

import interpreters
from interpreters import queues



def ids():
    return [i.id for i in interpreters.list_all()]


# ---- the module -----------------------------------------------------------------------------------

def test_module_is_importable_both_ways():
    import importlib
    from concurrent import interpreters as from_concurrent
    assert from_concurrent is interpreters is importlib.import_module('concurrent.interpreters')
    assert importlib.import_module('interpreters.queues') is queues
    assert importlib.import_module('concurrent.interpreters.queues') is queues
    assert interpreters.queues is queues
    for name in interpreters.__all__:
        assert hasattr(interpreters, name), name


def test_queue_aliases():
    assert interpreters.Queue is queues.Queue
    assert interpreters.QueueEmpty is queues.QueueEmpty
    assert interpreters.QueueFull is queues.QueueFull
    assert type(interpreters.create_queue()) is queues.Queue


def test_exception_hierarchy():
    assert issubclass(interpreters.InterpreterNotFoundError, interpreters.InterpreterError)
    assert issubclass(interpreters.ExecutionFailed, interpreters.InterpreterError)
    assert issubclass(interpreters.NotShareableError, TypeError)
    import queue
    assert issubclass(queues.QueueEmpty, queue.Empty) and issubclass(queues.QueueFull, queue.Full)
    assert issubclass(queues.QueueEmpty, queues.QueueError)


# ---- create ---------------------------------------------------------------------------------------

def test_create_in_main():
    interp = interpreters.create()
    assert isinstance(interp, interpreters.Interpreter)
    assert interp.id in ids()
    assert interp.whence == 'stdlib'
    interp.close()


def test_create_in_thread():
    created = []
    thread = threading.Thread(target=lambda: created.append(interpreters.create()))
    thread.start()
    thread.join()
    assert created[0].id in ids()
    created[0].close()


def test_create_in_subinterpreter():
    outer = interpreters.create()
    queue = interpreters.create_queue()
    outer.prepare_main(queue=queue)
    outer.exec('import interpreters\ninner = interpreters.create()\nqueue.put(inner.id)')
    inner_id = queue.get(timeout=10)
    assert inner_id in ids() and inner_id != outer.id
    interpreters.Interpreter(inner_id).close()
    outer.close()


def test_after_destroy_some():
    before = set(ids())
    a, b, c = interpreters.create(), interpreters.create(), interpreters.create()
    b.close()
    d = interpreters.create()
    assert set(ids()) == before | {a.id, c.id, d.id}
    assert len({a.id, c.id, d.id, b.id}) == 4, 'ids are never reused'
    for interp in (a, c, d):
        interp.close()


# ---- get_main / get_current -----------------------------------------------------------------------

def test_get_main_is_the_host():
    main = interpreters.get_main()
    assert main.id == 0 and main.whence == 'runtime init'
    assert interpreters.get_main() is main
    assert main.is_running()


def test_get_current():
    current = interpreters.get_current()
    assert current is interpreters.get_current()
    assert current != interpreters.get_main()
    assert current.id in ids()


def test_get_current_in_subinterpreter():
    interp = interpreters.create()
    queue = interpreters.create_queue()
    interp.prepare_main(queue=queue)
    interp.exec('import interpreters\nqueue.put(interpreters.get_current().id)')
    assert queue.get(timeout=10) == interp.id
    interp.close()


# ---- list_all -------------------------------------------------------------------------------------

def test_list_all():
    assert 0 in ids() and interpreters.get_current().id in ids()
    interp = interpreters.create()
    assert interp in interpreters.list_all()
    interp.close()
    assert interp not in interpreters.list_all()
    assert ids() == ids()


# ---- the Interpreter object -----------------------------------------------------------------------

def test_one_object_per_id():
    interp = interpreters.create()
    assert interpreters.Interpreter(interp.id) is interp
    assert interpreters.Interpreter(0) is interpreters.get_main()
    interp.close()


def test_init_errors():
    raises(TypeError, interpreters.Interpreter, '1')
    raises(TypeError, interpreters.Interpreter, 1.0)
    raises(ValueError, interpreters.Interpreter, -1)
    raises(interpreters.InterpreterNotFoundError, interpreters.Interpreter, 1_000_000)


def test_id_and_whence_are_read_only():
    interp = interpreters.create()
    assert type(interp.id) is int
    raises(AttributeError, setattr, interp, 'id', 1)
    raises(AttributeError, setattr, interp, 'whence', 'x')
    interp.close()


def test_hashable_equal_and_picklable():
    interp = interpreters.create()
    assert hash(interp) == hash(interp.id)
    assert interp == interpreters.Interpreter(interp.id) and interp != interpreters.get_main()
    assert {interp: 1}[interpreters.Interpreter(interp.id)] == 1
    assert pickle.loads(pickle.dumps(interp)) is interp
    interp.close()


# ---- is_running -----------------------------------------------------------------------------------

def test_is_running():
    interp = interpreters.create()
    assert not interp.is_running()
    with kept_running(interp):
        assert interp.is_running()
    assert not interp.is_running()
    interp.close()


def test_is_running_from_inside():
    interp = interpreters.create()
    queue = interpreters.create_queue()
    interp.prepare_main(queue=queue)
    interp.exec('import interpreters\nqueue.put(interpreters.get_current().is_running())')
    assert queue.get(timeout=10) is True
    interp.close()


def test_is_running_after_close():
    interp = interpreters.create()
    interp.close()
    raises(interpreters.InterpreterNotFoundError, interp.is_running)


# ---- close ----------------------------------------------------------------------------------------

def test_close_basic_and_twice():
    interp = interpreters.create()
    interp.close()
    assert interp.id not in ids()
    raises(interpreters.InterpreterNotFoundError, interp.close)


def test_close_main_and_current_fail():
    raises(interpreters.InterpreterError, interpreters.get_main().close)
    raises(interpreters.InterpreterError, interpreters.get_current().close)


def test_close_from_sibling_and_other_thread():
    a, b, c = interpreters.create(), interpreters.create(), interpreters.create()
    a.exec(f'import interpreters\ninterpreters.Interpreter({b.id}).close()')
    assert b.id not in ids()
    thread = threading.Thread(target=c.close)
    thread.start()
    thread.join()
    assert c.id not in ids()
    a.close()


def test_close_still_running():
    interp = interpreters.create()
    with kept_running(interp):
        raises(interpreters.InterpreterError, interp.close)
    interp.close()


# ---- prepare_main ---------------------------------------------------------------------------------

def test_prepare_main_takes_pairs_too():
    interp = interpreters.create()
    interp.prepare_main([('a', 1), ('b', 2)])
    assert interp.call(lambda: [a, b]) == [1, 2]
    interp.close()


def test_prepare_main():
    interp = interpreters.create()
    queue = interpreters.create_queue()
    interp.prepare_main()
    interp.prepare_main({'a': 1, 'b': 'two'})
    interp.prepare_main(c=[3], d={'e': None})
    interp.prepare_main({'f': 1.5}, g=b'\x00', queue=queue)
    interp.exec('queue.put([a, b, c, d, f, g])')
    assert queue.get(timeout=10) == [1, 'two', [3], {'e': None}, 1.5, b'\x00']
    interp.close()


def test_prepare_main_not_shareable():
    interp = interpreters.create()
    error = raises(interpreters.NotShareableError, interp.prepare_main, spam={1, 2}, eggs=1)
    assert 'set is not shareable' in str(error), str(error)
    raises(interpreters.ExecutionFailed, interp.exec, 'eggs')   # nothing was bound
    interp.close()


# ---- exec -----------------------------------------------------------------------------------------

def test_exec_success_and_state():
    interp = interpreters.create()
    queue = interpreters.create_queue()
    interp.prepare_main(queue=queue)
    interp.exec('spam = 42')
    interp.exec('queue.put(spam)')
    assert queue.get(timeout=10) == 42
    interp.close()


def test_exec_failure_display_preserved():
    interp = interpreters.create()
    interp.exec('class SpamError(Exception):\n    pass\n')
    error = raises(interpreters.ExecutionFailed, interp.exec, 'def spam():\n    raise SpamError("eggs")\nspam()')
    info = error.excinfo
    assert info.type.__name__ == 'SpamError' and info.type.__qualname__ == 'SpamError'
    assert info.type.__module__ == '__main__'
    assert info.msg == 'eggs'
    assert info.formatted == 'SpamError: eggs'
    assert 'Traceback (most recent call last)' in info.errdisplay and 'in spam' in info.errdisplay
    assert str(error).startswith('SpamError: eggs') and info.errdisplay in str(error)
    interp.close()


def test_exec_in_thread():
    interp = interpreters.create()
    queue = interpreters.create_queue()
    interp.prepare_main(queue=queue)
    thread = threading.Thread(target=interp.exec, args=('queue.put("from a thread")',))
    thread.start()
    thread.join()
    assert queue.get(timeout=10) == 'from a thread'
    interp.close()


def script_for_exec():
    queue.put('function body ran')   # `queue` is looked up in the target's __main__


def test_exec_function_and_code_object():
    interp = interpreters.create()
    queue = interpreters.create_queue()
    interp.prepare_main(queue=queue)
    interp.exec(script_for_exec)
    interp.exec(compile('queue.put("code object ran")', '<code>', 'exec'))
    assert [queue.get(timeout=10), queue.get(timeout=10)] == ['function body ran', 'code object ran']
    interp.close()


def test_exec_bad_script():
    interp = interpreters.create()
    raises(TypeError, interp.exec, 10)
    raises(TypeError, interp.exec, b'print(1)')
    interp.close()


def test_exec_already_running():
    interp = interpreters.create()
    with kept_running(interp):
        raises(interpreters.InterpreterError, interp.exec, 'pass')
        raises(interpreters.InterpreterError, interp.prepare_main, spam=1)
    interp.close()


def test_exec_with_background_threads_still_running():
    interp = interpreters.create()
    gate, done = interpreters.create_queue(), interpreters.create_queue()
    interp.prepare_main(gate=gate, done=done)
    interp.exec('import threading\nt = threading.Thread(target=lambda: done.put(gate.get()))\nt.start()')
    gate.put('background finished')
    assert done.get(timeout=10) == 'background finished'
    interp.exec('t.join()')
    interp.close()


def test_exec_on_main_fails():
    raises(interpreters.InterpreterError, interpreters.get_main().exec, 'pass')


# ---- call / call_in_thread ------------------------------------------------------------------------

def spam_with_args(a, b=2, *, c=3):
    return (a, b, c)


def test_call_plain_function_with_args_and_kwargs():
    interp = interpreters.create()
    assert interp.call(spam_with_args, 1) == [1, 2, 3], 'tuples arrive as lists'
    assert interp.call(spam_with_args, 1, 5, c=7) == [1, 5, 7]
    interp.close()


def test_call_by_name_and_lambda():
    interp = interpreters.create()
    interp.exec('def triple(x):\n    return x * 3')
    assert interp.call('triple', 'ab') == 'ababab'
    assert interp.call(lambda: {'x': [1, None]}) == {'x': [1, None]}
    interp.close()


def test_call_closure_does_not_cross():
    interp = interpreters.create()
    captured = 1
    raises(interpreters.NotShareableError, interp.call, lambda: captured)
    raises(interpreters.NotShareableError, interp.call, spam_with_args, {1})
    raises(interpreters.NotShareableError, interp.call, {}.clear)   # a bound method
    interp.close()


def test_call_builtins_and_module_functions_cross_by_reference():
    import math
    import json
    interp = interpreters.create()
    assert interp.call(len, 'abc') == 3
    assert interp.call(math.cos, 0.0) == 1.0
    assert interp.call(json.dumps, [1]) == '[1]'
    interp.call(exec, 'where = __name__')      # builtins run in the target's __main__
    assert interp.call(eval, 'where') == '__main__'
    interp.close()


def test_call_result_must_be_shareable():
    interp = interpreters.create()
    raises(interpreters.NotShareableError, interp.call, lambda: object())
    interp.close()


def test_call_failure():
    interp = interpreters.create()
    error = raises(interpreters.ExecutionFailed, interp.call, lambda: 1 / 0)
    assert error.excinfo.type.__name__ == 'ZeroDivisionError'
    interp.close()


def test_call_in_thread():
    interp = interpreters.create()
    queue = interpreters.create_queue()
    interp.prepare_main(queue=queue)
    interp.exec('def record(value):\n    queue.put(value * 2)')
    thread = interp.call_in_thread('record', 21)
    assert isinstance(thread, threading.Thread)
    thread.join()
    assert queue.get(timeout=10) == 42
    interp.close()


# ---- is_shareable ---------------------------------------------------------------------------------

def test_is_shareable():
    for value in (None, True, False, 0, -1, 2**70, 1.5, '', 'spam', b'', b'\xff', (1, 'a'), [1, [2]],
                  {'a': {'b': None}}, interpreters.create_queue()):
        assert interpreters.is_shareable(value), value
    for value in (object(), {1, 2}, lambda: 1, int, Exception('x'), {1: 'int key'}, [object()]):
        assert not interpreters.is_shareable(value), value


# ---- nesting, threads, the bridge -----------------------------------------------------------------

def test_nested_exec_calls_back_into_the_caller():
    me = interpreters.get_current()
    me_main = sys.modules['__main__']
    me_main.callbacks = []
    other = interpreters.create()
    other.exec(f'import interpreters\nme = interpreters.Interpreter({me.id})')
    other.exec('me.exec("import __main__\\n__main__.callbacks.append(\'called back\')")')
    assert me_main.callbacks == ['called back']
    other.close()


def test_three_threads_each_drive_their_own_interpreter():
    results = {}
    interps = [interpreters.create() for _ in range(3)]

    def drive(interp):
        interp.exec('total = 0\nfor i in range(20000):\n    total += i')
        results[interp.id] = interp.call(lambda: total)
    threads = [threading.Thread(target=drive, args=(i,)) for i in interps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {i.id: sum(range(20000)) for i in interps}
    for interp in interps:
        interp.close()


def test_the_bridge_is_not_reachable():
    import builtins
    import gc
    def foreign(value):   # a host function, as the bridge would be
        return callable(value) and (type(value).__module__ == 'polyglot' or 'Foreign' in type(value).__name__)
    for name, value in list(vars(interpreters).items()) + list(vars(builtins).items()):
        assert not foreign(value), f'interpreters.{name} is a host object'
    for module in list(sys.modules.values()):
        for name, value in list(vars(module).items()):
            assert not foreign(value) or name == '__subinterp_handle__', f'{module.__name__}.{name} is a host object'
    for cls in object.__subclasses__():
        assert 'bridge' not in cls.__name__.lower(), cls
    assert 'bridge' not in globals() and '_install' not in vars(interpreters)
