# attack: raise an error after rigging traceback formatting to spin: the host formats uncaught errors in the guest
# expect: time-limit or denied
# The host's own call into the guest (to describe the error) must also be bounded by the time limit.
import traceback

def spin(*args, **kwargs):
    while True:
        pass

traceback.format_exception = traceback.format_exception_only = traceback.extract_tb = spin
raise ValueError('formatting this error never ends')
print('ESCAPED')
