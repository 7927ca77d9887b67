import Foundation

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
