/*
 * The fast path of the runner service client (see dev.subinterp.service.ServiceClient, the full
 * client): hands one command to a running service of the same build and relays its streams, Ctrl-C
 * and exit code, in about a millisecond instead of a JVM start. Whenever the fast path does not
 * apply (no service, another build, an unsafe directory, anything unexpected before the service
 * accepts the command) it replaces itself with the Java client, which handles every case; nothing
 * has run by then.
 *
 * usage: runner-client JARS N JAVA_CLIENT_COMMAND(N words) RUNNER_ARGS...
 * (JARS: the runner jar and the interpreters library jar, colon-separated: the build the service must be)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

extern char **environ;

enum { RUN = 'R', STDIN_DATA = 'I', STDIN_END = 'E', INTERRUPT = 'C', ACCEPTED = 'A', WANT = 'W',
       STDOUT_DATA = 'O', STDERR_DATA = 'e', EXIT = 'X' };
enum { CHUNK = 65536 };
enum { CONNECTION_LOST = 255, INTERRUPTED = 130 };

static char **java_client;            /* the full client's command, NULL-terminated */
static volatile sig_atomic_t interrupts;
static int wake[2] = {-1, -1};        /* the SIGINT handler writes here, so that poll() never misses it */
static char log_path[PATH_MAX + 32];

/* Hands everything to the Java client: the fast path does not apply. (When the client command is
 * scripts/runner, the variable makes it take the Java client instead of coming back here.) */
static void fall_back(char **runner_args) {
    setenv("RUNNER_NATIVE_CLIENT", "off", 1);
    int n = 0;
    while (java_client[n]) n++;
    int m = 0;
    while (runner_args[m]) m++;
    char **argv = calloc((size_t) n + m + 1, sizeof(char *));
    if (!argv) _exit(2);
    memcpy(argv, java_client, n * sizeof(char *));
    memcpy(argv + n, runner_args, m * sizeof(char *));
    execv(argv[0], argv);
    fprintf(stderr, "runner: cannot run the service client %s: %s\n", argv[0], strerror(errno));
    _exit(2);
}

/* The service directory, as ServiceDirectory.locate finds it. */
static int service_directory(char *out, size_t size) {
    const char *chosen = getenv("RUNNER_DAEMON_DIR");
    if (chosen && *chosen) return snprintf(out, size, "%s", chosen) < (int) size ? 0 : -1;
    const char *runtime = getenv("XDG_RUNTIME_DIR");
    struct stat st;
    if (runtime && *runtime && stat(runtime, &st) == 0 && S_ISDIR(st.st_mode))
        return snprintf(out, size, "%s/subinterp-runner", runtime) < (int) size ? 0 : -1;
    struct passwd *user = getpwuid(geteuid());
    if (!user) return -1;
    return snprintf(out, size, "/tmp/subinterp-runner-%s", user->pw_name) < (int) size ? 0 : -1;
}

static int write_all(int fd, const void *data, size_t length) {
    const char *p = data;
    while (length > 0) {
        ssize_t n = write(fd, p, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        length -= (size_t) n;
    }
    return 0;
}

static int read_all(int fd, void *data, size_t length) {
    char *p = data;
    while (length > 0) {
        ssize_t n = read(fd, p, length);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) return 1;   /* end of stream */
        p += n;
        length -= (size_t) n;
    }
    return 0;
}

static int send_frame(int fd, char type, const void *payload, uint32_t length) {
    unsigned char head[5] = {(unsigned char) type, length >> 24, length >> 16, length >> 8, length};
    return write_all(fd, head, 5) || write_all(fd, payload, length) ? -1 : 0;
}

/* A growable buffer for the request. */
typedef struct { char *data; size_t length, capacity; } buffer;

static void put(buffer *b, const void *data, size_t length) {
    if (b->length + length > b->capacity) {
        b->capacity = (b->length + length) * 2 + 256;
        b->data = realloc(b->data, b->capacity);
        if (!b->data) _exit(2);
    }
    memcpy(b->data + b->length, data, length);
    b->length += length;
}

static void put_int(buffer *b, uint32_t v) {
    unsigned char bytes[4] = {v >> 24, v >> 16, v >> 8, v};
    put(b, bytes, 4);
}

static void put_string(buffer *b, const char *s, size_t length) {
    put_int(b, (uint32_t) length);
    put(b, s, length);
}

static void on_sigint(int signal) {
    (void) signal;
    if (interrupts++ > 0) _exit(INTERRUPTED);   /* a second Ctrl-C leaves at once */
    int saved = errno;
    (void) !write(wake[1], "!", 1);
    errno = saved;
}

static int lost(const char *how) {
    fprintf(stderr, "runner: the runner service ended before the command finished; see %s%s\n", log_path, how);
    return CONNECTION_LOST;
}

/*
 * Relays output, Ctrl-C and standard input until the service sends the exit code. Standard input is
 * read only when the command asks for it (WANT), one read per request, as an in-process run reads it.
 */
static int relay(int sock) {
    int wanted = 0;
    int output_broken[3] = {0, 0, 0};   /* a closed stdout (| head): drop the rest, as the JVM would */
    char chunk[CHUNK];
    int interrupts_sent = 0;
    for (;;) {
        if (interrupts > interrupts_sent) {
            interrupts_sent = interrupts;
            if (send_frame(sock, INTERRUPT, "", 0)) return lost(" (while passing Ctrl-C on)");
        }
        struct pollfd fds[3] = {{sock, POLLIN, 0}, {wake[0], POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
        int ready = poll(fds, wanted ? 3 : 2, -1);
        if (ready < 0) {
            if (errno == EINTR) continue;
            return lost(" (poll failed)");
        }
        if (fds[1].revents) {
            char drained[16];
            (void) !read(wake[0], drained, sizeof drained);
        }
        if (wanted && fds[2].revents) {
            ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
            wanted--;
            if (n > 0 ? send_frame(sock, STDIN_DATA, chunk, (uint32_t) n) : send_frame(sock, STDIN_END, "", 0)) return lost("");
        }
        if (fds[0].revents) {
            unsigned char head[5];
            int r = read_all(sock, head, 5);
            if (r) return lost(r > 0 ? "" : " (read failed)");
            uint32_t length = (uint32_t) head[1] << 24 | (uint32_t) head[2] << 16 | (uint32_t) head[3] << 8 | head[4];
            char *payload = malloc(length ? length : 1);
            if (!payload) _exit(2);
            if (read_all(sock, payload, length)) return lost("");
            switch (head[0]) {
                case WANT: wanted++; break;
                case STDOUT_DATA:
                case STDERR_DATA: {
                    int fd = head[0] == STDOUT_DATA ? STDOUT_FILENO : STDERR_FILENO;
                    if (!output_broken[fd] && write_all(fd, payload, length)) output_broken[fd] = 1;
                    break;
                }
                case EXIT:
                    if (length != 4) return lost(" (a malformed exit frame)");
                    return (int) ((uint32_t) (unsigned char) payload[0] << 24 | (uint32_t) (unsigned char) payload[1] << 16
                                  | (uint32_t) (unsigned char) payload[2] << 8 | (unsigned char) payload[3]);
                default: return lost(" (an unexpected frame)");
            }
            free(payload);
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: runner-client JARS N JAVA_CLIENT_COMMAND... RUNNER_ARGS...\n");
        return 2;
    }
    const char *jar = argv[1];
    int n = atoi(argv[2]);
    if (n < 1 || 3 + n > argc) {
        fprintf(stderr, "runner-client: bad command line\n");
        return 2;
    }
    java_client = calloc((size_t) n + 1, sizeof(char *));
    if (!java_client) return 2;
    memcpy(java_client, argv + 3, n * sizeof(char *));
    char **runner_args = argv + 3 + n;
    int runner_argc = argc - 3 - n;

    /* A closed standard stream (cron, <&-) must not become the socket: hold its place with /dev/null. */
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd) fall_back(runner_args);
    }
    signal(SIGPIPE, SIG_IGN);   /* a gone service or a closed stdout is an error to handle, not a death */

    char dir[PATH_MAX];
    struct stat st;
    if (service_directory(dir, sizeof dir)) fall_back(runner_args);
    /* Only a directory of our own that no one else can enter (the Java client explains a refusal). */
    if (lstat(dir, &st) || !S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077)) fall_back(runner_args);
    snprintf(log_path, sizeof log_path, "%s/service.log", dir);

    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (snprintf(address.sun_path, sizeof address.sun_path, "%s/runner.sock", dir) >= (int) sizeof address.sun_path)
        fall_back(runner_args);
    int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (sock < 0 || connect(sock, (struct sockaddr *) &address, sizeof address)) fall_back(runner_args);

    /* The request: build, working directory, arguments, environment (see Request.java). */
    /* The build: each jar of JARS (colon-separated) as name:size:millis, joined by '+' (see Build.java). */
    char build[2 * PATH_MAX + 128] = "";
    char jars_copy[2 * PATH_MAX];
    if (snprintf(jars_copy, sizeof jars_copy, "%s", jar) >= (int) sizeof jars_copy) fall_back(runner_args);
    for (char *next, *path = strtok_r(jars_copy, ":", &next); path; path = strtok_r(NULL, ":", &next)) {
        struct stat jar_stat;
        if (stat(path, &jar_stat)) fall_back(runner_args);
        const char *jar_name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        long long millis = (long long) jar_stat.st_mtim.tv_sec * 1000 + jar_stat.st_mtim.tv_nsec / 1000000;
        size_t used = strlen(build);
        if (snprintf(build + used, sizeof build - used, "%s%s:%lld:%lld", used ? "+" : "", jar_name,
                     (long long) jar_stat.st_size, millis) >= (int) (sizeof build - used)) fall_back(runner_args);
    }
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) fall_back(runner_args);

    buffer request = {0};
    put_string(&request, build, strlen(build));
    put_string(&request, cwd, strlen(cwd));
    put_int(&request, (uint32_t) runner_argc);
    for (int i = 0; i < runner_argc; i++) put_string(&request, runner_args[i], strlen(runner_args[i]));
    uint32_t variables = 0;
    for (char **e = environ; *e; e++) if (strchr(*e, '=')) variables++;
    put_int(&request, variables);
    for (char **e = environ; *e; e++) {
        char *equals = strchr(*e, '=');
        if (!equals) continue;
        put_string(&request, *e, (size_t) (equals - *e));
        put_string(&request, equals + 1, strlen(equals + 1));
    }
    if (send_frame(sock, RUN, request.data, (uint32_t) request.length)) fall_back(runner_args);

    unsigned char head[5];
    if (read_all(sock, head, 5) || head[0] != ACCEPTED) {
        close(sock);   /* to run in-process, refused (another build, stopping) or gone: the Java client sorts it out */
        fall_back(runner_args);
    }
    uint32_t skip = (uint32_t) head[1] << 24 | (uint32_t) head[2] << 16 | (uint32_t) head[3] << 8 | head[4];
    char ignored[16];
    if (skip > sizeof ignored || read_all(sock, ignored, skip)) return lost("");

    if (pipe2(wake, O_CLOEXEC | O_NONBLOCK)) return lost(" (no pipe for Ctrl-C)");
    struct sigaction action = {.sa_handler = on_sigint};
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);   /* no SA_RESTART: poll returns and the interrupt goes out */
    return relay(sock);
}
