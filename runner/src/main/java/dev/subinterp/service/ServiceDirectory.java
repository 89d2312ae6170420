package dev.subinterp.service;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Where the runner service of this user lives: a directory only the user can enter (0700) holding
 * its Unix socket, lock and log. {@code RUNNER_DAEMON_DIR} names it; else
 * {@code $XDG_RUNTIME_DIR/subinterp-runner}, else {@code /tmp/subinterp-runner-USER}. Client and
 * service both refuse a directory another user owns or others can enter: the socket is reachable
 * by whoever can enter it.
 */
public record ServiceDirectory(Path path) {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** The directory for {@code environment} (a process's variables), not yet checked. */
    public static ServiceDirectory locate(Map<String, String> environment) {
        String chosen = environment.get("RUNNER_DAEMON_DIR");
        if (chosen != null && !chosen.isEmpty()) {
            return new ServiceDirectory(Path.of(chosen).toAbsolutePath());
        }
        String runtimeDir = environment.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isEmpty() && Files.isDirectory(Path.of(runtimeDir))) {
            return new ServiceDirectory(Path.of(runtimeDir, "subinterp-runner"));
        }
        return new ServiceDirectory(Path.of(System.getProperty("java.io.tmpdir"), "subinterp-runner-" + System.getProperty("user.name")));
    }

    /** The user this JVM runs as (the name may be {@code ?} for a uid without a passwd entry). */
    public static String currentUser() {
        return System.getProperty("user.name");
    }

    /** The effective uid of this process: the owner of {@code /proc/self}. */
    static int currentUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    /** The directory's owner as the system names users (a name, or the uid when it has none). */
    public String owner() {
        try {
            return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            return "?";
        }
    }

    public Path socket() {
        return path.resolve("runner.sock");
    }

    public Path lockFile() {
        return path.resolve("service.lock");
    }

    public Path log() {
        return path.resolve("service.log");
    }

    /**
     * The service lock on {@code channel} (the directory's {@link #lockFile()}), or null when a service
     * holds it: another process, or this JVM (where the JDK throws instead of answering).
     */
    static java.nio.channels.FileLock tryLock(java.nio.channels.FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    /** Creates the directory (0700) if it is missing, then {@link #check()}s it. */
    public ServiceDirectory createIfMissing() throws ServiceException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectories(path.getParent());
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.setPosixFilePermissions(path, OWNER_ONLY);   // whatever the umask left
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another client or the service made it first: check it like any other
            } catch (IOException e) {
                throw new ServiceException("cannot create the service directory " + path + ": " + e.getMessage());
            }
        }
        return check();
    }

    /**
     * Refuses a directory that is a link, belongs to another user, or that group or others can use:
     * through it they could reach this user's service.
     */
    public ServiceDirectory check() throws ServiceException {
        try {
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new ServiceException("the service directory " + path + " is not a directory (or is a symbolic link)");
            }
            int ownerUid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (ownerUid != currentUid()) {
                throw new ServiceException("the service directory " + path + " belongs to " + owner() + " (uid " + ownerUid
                        + "), not to this user (uid " + currentUid() + "); refusing to use it");
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new ServiceException("the service directory " + path + " has mode " + PosixFilePermissions.toString(permissions)
                        + "; others could reach the service through it, so it must be rwx------ (0700); refusing to use it");
            }
        } catch (IOException e) {
            throw new ServiceException("cannot check the service directory " + path + ": " + e.getMessage());
        }
        return this;
    }
}
