import Foundation

/// Where alerts go. A sink is used from one alert-dispatch thread at a time but may be shared, so
/// implementations are `Sendable` and serialise their own writes. `send` may block (the webhook
/// retries); the core never calls a sink directly.
package protocol AlertSink: AnyObject, Sendable {
    /// A short name for logs, e.g. `file:/var/log/consenttap/alerts.jsonl`.
    var name: String { get }
    /// Delivers one alert, or throws `AlertsError` when it cannot.
    func send(_ alert: Alert) throws(AlertsError)
    /// Pushes buffered output out (end of run).
    func flush()
}

/// Writes each alert as one JSON line to standard output (or to an injected writer in tests).
package final class StandardOutputSink: AlertSink, @unchecked Sendable {
    package let name = "stdout"
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void

    package init(write: @escaping @Sendable (String) -> Void = { line in
        writeAll(fd: STDOUT_FILENO, Array(line.utf8))
    }) {
        self.write = write
    }

    package func send(_ alert: Alert) throws(AlertsError) {
        lock.lock()
        defer { lock.unlock() }
        write(alert.json + "\n")
    }

    /// Lines are written unbuffered (one `write` each): nothing to flush.
    package func flush() {}
}

/// Writes all bytes to a descriptor, retrying on EINTR; false when the descriptor fails.
@discardableResult
func writeAll(fd: Int32, _ bytes: [UInt8]) -> Bool {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        done += n
    }
    return true
}

/// Appends each alert as one JSON line to a file (JSON Lines), created with mode 0640 if needed.
/// Each line is one `write` on an `O_APPEND` descriptor, so lines from several processes do not
/// interleave. Survives the file being rotated away only if reopened (`reopen()`).
package final class FileAlertSink: AlertSink, @unchecked Sendable {
    package let path: String
    package var name: String { "file:" + path }
    private let lock = NSLock()
    private var fd: Int32

    package init(path: String) throws(AlertsError) {
        self.path = path
        fd = -1
        try reopen()
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Opens the path again (after log rotation).
    package func reopen() throws(AlertsError) {
        lock.lock()
        defer { lock.unlock() }
        let f = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard f >= 0 else { throw AlertsError(.io, "cannot open alert file \(path): \(String(cString: strerror(errno)))") }
        if fd >= 0 { close(fd) }
        fd = f
    }

    package func send(_ alert: Alert) throws(AlertsError) {
        let bytes = Array((alert.json + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        guard writeAll(fd: fd, bytes) else {
            throw AlertsError(.io, "cannot write alert file \(path): \(String(cString: strerror(errno)))")
        }
    }

    package func flush() {
        lock.lock()
        defer { lock.unlock() }
        fsync(fd)
    }
}

/// Sends each alert's JSON to syslog (`openlog`/`vsyslog`, facility `LOG_USER` by default,
/// priority `LOG_WARNING`). The message is passed as a `%s` argument, never as the format.
/// An injected `emit` replaces syslog in tests.
package final class SyslogAlertSink: AlertSink, @unchecked Sendable {
    package let name = "syslog"
    private let lock = NSLock()
    private let ident: UnsafeMutablePointer<CChar>
    private let emit: (@Sendable (Int32, String) -> Void)?

    package init(ident: String = "consenttap", facility: Int32 = LOG_USER, emit: (@Sendable (Int32, String) -> Void)? = nil) {
        self.ident = strdup(ident)   // openlog keeps the pointer: it lives as long as the sink
        self.emit = emit
        if emit == nil { openlog(self.ident, LOG_PID | LOG_NDELAY, facility) }
    }

    deinit {
        if emit == nil { closelog() }
        free(ident)
    }

    package func send(_ alert: Alert) throws(AlertsError) {
        let line = alert.json
        lock.lock()
        defer { lock.unlock() }
        if let emit {
            emit(LOG_WARNING, line)
            return
        }
        line.withCString { text in
            withVaList([text]) { vsyslog(LOG_WARNING, "%s", $0) }
        }
    }

    package func flush() {}
}
