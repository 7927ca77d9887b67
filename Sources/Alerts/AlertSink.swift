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
