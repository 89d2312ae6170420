"""Cross-interpreter Channels High Level Module."""

# CPython 3.13's test.support.interpreters.channels (the multiple-interpreters HOWTO's
# interpreters.channels), for this host. A channel is the host's own object
# (dev.subinterp.channel.Channel); its ends may cross into an interpreter that never imports this
# module, so their classes are defined with the helpers every interpreter loads
# (python/helpers/handles.py) and come here through _interpchannels. Values are copied on send, as
# JSON values or bytes; send() and send_buffer() wait until the value is received. The loader puts
# _interpreters and _interpchannels into this namespace before this file runs.

# aliases:
RecvChannel = _interpchannels.RecvChannel
SendChannel = _interpchannels.SendChannel
ChannelError = _interpchannels.ChannelError
ChannelNotFoundError = _interpchannels.ChannelNotFoundError
ChannelClosedError = _interpchannels.ChannelClosedError
ChannelEmptyError = _interpchannels.ChannelEmptyError
ChannelNotEmptyError = _interpchannels.ChannelNotEmptyError

__all__ = [
    'create', 'list_all',
    'SendChannel', 'RecvChannel',
    'ChannelError', 'ChannelNotFoundError', 'ChannelEmptyError',
    'ChannelClosedError', 'ChannelNotEmptyError',
]


def create():
    """Return (recv, send) for a new cross-interpreter channel.

    The channel may be used to pass data safely between interpreters.
    """
    recv, send = _interpreters.create_channel()
    return recv, send


def list_all():
    """Return a list of (recv, send) for all open channels."""
    return [(recv, send) for recv, send in _interpreters.list_channels()]


for _cls in (RecvChannel, SendChannel, ChannelError, ChannelNotFoundError, ChannelClosedError,
             ChannelEmptyError, ChannelNotEmptyError):
    _cls.__module__ = __name__
del _cls
