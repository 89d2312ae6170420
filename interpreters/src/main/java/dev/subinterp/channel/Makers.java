package dev.subinterp.channel;

import dev.subinterp.internal.channel.ChannelMaker;

/** The runtime's way to the package-private constructors of {@link Queue} and {@link Channel}. */
final class Makers implements ChannelMaker.Maker {
    @Override
    public Queue queue(long id, int maxsize, long maxBytes) {
        return new Queue(id, maxsize, maxBytes);
    }

    @Override
    public Channel channel(long id) {
        return new Channel(id);
    }
}
