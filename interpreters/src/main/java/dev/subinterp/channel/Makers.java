package dev.subinterp.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.internal.channel.ChannelMaker;
import dev.subinterp.value.SharedHandle;

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

    @Override
    public SharedBuffer buffer(long id, int size) {
        return new SharedBuffer(id, size);
    }

    @Override
    public void giveBack(SharedHandle handle, JsonNode item) {
        switch (handle) {
            case Queue queue -> queue.giveBack(item);
            case RecvChannel recv -> recv.channel().giveBack(item);
            default -> throw new IllegalArgumentException("nothing is taken from " + handle);
        }
    }
}
