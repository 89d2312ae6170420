package dev.subinterp.internal.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.subinterp.channel.Channel;
import dev.subinterp.channel.SharedBuffer;
import dev.subinterp.channel.Queue;

import dev.subinterp.value.SharedHandle;

import java.lang.invoke.MethodHandles;

/**
 * How a runtime makes queues and channels. Their constructors are not public, so that every queue and
 * channel belongs to a runtime: its ids, its {@code limits.queueBytes}, and its close, which wakes every
 * waiter. The channel package installs its maker here when it is first used (the way the JDK's
 * {@code SharedSecrets} reach package-private constructors across packages).
 */
public final class ChannelMaker {
    /** Makes queues and channels; implemented in the channel package. */
    public interface Maker {
        Queue queue(long id, int maxsize, long maxBytes);

        Channel channel(long id);

        SharedBuffer buffer(long id, int size);

        /** Puts an item a queue or receiving end handed out back first in line: it never reached its taker. */
        void giveBack(SharedHandle handle, JsonNode item);
    }

    private static Maker maker;

    private ChannelMaker() {
    }

    /** Called once, by the channel package as it initializes. */
    public static synchronized void install(Maker channelPackage) {
        if (maker != null) {
            throw new IllegalStateException("the channel package's maker is already installed");
        }
        maker = channelPackage;
    }

    /** The channel package's maker. */
    public static Maker get() {
        try {
            MethodHandles.lookup().ensureInitialized(Queue.class);   // its static initializer installs the maker
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        synchronized (ChannelMaker.class) {
            return maker;
        }
    }
}
