/// One `--alert` option, parsed: `stdout`, `file:PATH`, `syslog` (or `syslog:IDENT`),
/// `webhook:URL` (http:// only). The option is repeatable; `parseAll` keeps the order and refuses
/// exact duplicates. Errors say what was wrong and what is accepted.
package enum AlertSinkSpec: Equatable, Sendable, CustomStringConvertible {
    case stdout
    case file(path: String)
    case syslog(ident: String)
    case webhook(WebhookURL)

    package static let usage = "use stdout, file:PATH, syslog[:IDENT] or webhook:http://HOST[:PORT]/PATH"

    package static func parse(_ text: String) throws(AlertsError) -> AlertSinkSpec {
        let colon = text.firstIndex(of: ":")
        let kind = colon.map { String(text[..<$0]) } ?? text
        let argument = colon.map { String(text[text.index(after: $0)...]) }
        switch kind.lowercased() {
        case "stdout", "-":
            guard argument == nil else { throw AlertsError(.badSpec, "--alert stdout takes no argument") }
            return .stdout
        case "file":
            guard let path = argument, !path.isEmpty else { throw AlertsError(.badSpec, "--alert file:PATH needs a path") }
            return .file(path: path)
        case "syslog":
            if let ident = argument {
                guard !ident.isEmpty, ident.count <= 32, ident.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                    throw AlertsError(.badSpec, "--alert syslog:IDENT needs a short identifier without spaces")
                }
                return .syslog(ident: ident)
            }
            return .syslog(ident: "consenttap")
        case "webhook":
            guard let url = argument, !url.isEmpty else { throw AlertsError(.badSpec, "--alert webhook:URL needs a URL") }
            return .webhook(try WebhookURL(parsing: url))
        case "":
            throw AlertsError(.badSpec, "empty --alert value; \(usage)")
        default:
            throw AlertsError(.badSpec, "unknown alert sink '\(kind)'; \(usage)")
        }
    }

    package static func parseAll(_ texts: [String]) throws(AlertsError) -> [AlertSinkSpec] {
        var out: [AlertSinkSpec] = []
        for t in texts {
            let s = try parse(t)
            guard !out.contains(s) else { throw AlertsError(.badSpec, "--alert \(t) given twice") }
            out.append(s)
        }
        return out
    }

    /// Opens the sink. `webhookSecret` signs webhook bodies (nil: unsigned).
    package func makeSink(webhookSecret: String? = nil) throws(AlertsError) -> any AlertSink {
        switch self {
        case .stdout: return StandardOutputSink()
        case .file(let path): return try FileAlertSink(path: path)
        case .syslog(let ident): return SyslogAlertSink(ident: ident)
        case .webhook(let url): return WebhookAlertSink(url: url, secret: webhookSecret)
        }
    }

    package var description: String {
        switch self {
        case .stdout: "stdout"
        case .file(let p): "file:\(p)"
        case .syslog(let i): "syslog:\(i)"
        case .webhook(let u): "webhook:\(u)"
        }
    }
}
