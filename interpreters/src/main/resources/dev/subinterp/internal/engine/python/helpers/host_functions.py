# The host functions an embedder offers (HostEnvironment / Interpreter.Builder.hostFunctions), as one
# module whose functions call the host through `invoke` (GuestBridge.installHostFunctions).

def install_host_module(module_name, names, invoke):
    """Offers the embedder's host functions as the module `module_name`; other names fail clearly."""
    import sys
    import types
    allowed = [str(name) for name in names]
    module = types.ModuleType(module_name, "Functions the Java host offers to this interpreter.")

    class HostFunctionError(Exception):
        """A host function failed on the Java side."""
    HostFunctionError.__module__ = module_name
    errors = {Status.NOT_SHAREABLE: TypeError, Status.HOST_FUNCTION_ERROR: HostFunctionError}

    def make(name):
        def host_function(*args):
            if len(args) > 1:
                raise TypeError(f"{module_name}.{name}() takes one JSON argument, not {len(args)}")
            status, value = invoke(name, *args)
            if status == Status.OK:
                return value
            raise errors[status](value)
        host_function.__name__ = host_function.__qualname__ = name
        host_function.__module__ = module_name
        return host_function

    for name in allowed:
        setattr(module, name, make(name))
    module.HostFunctionError = HostFunctionError

    def __getattr__(attribute):
        raise AttributeError(f"host function '{attribute}' is not available here "
                             f"(allowed: {', '.join(allowed) or 'none'})")
    module.__getattr__ = __getattr__
    sys.modules[module_name] = module
