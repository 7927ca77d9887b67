import Primitives

/// A problem found while reading the consent feed, with its 1-based line number.
///
/// `error`: the line was skipped. `warning`: the line was used, something in it was ignored.
package struct FeedProblem: Equatable, Sendable, CustomStringConvertible {
    package enum Severity: String, Sendable { case warning, error }

    package var line: Int
    package var severity: Severity
    package var message: String

    package var description: String { "line \(line): \(severity.rawValue): \(message)" }
}

/// Parses the sidecar consent feed: one JSON object per line (JSON Lines).
///
/// Format (issue 5, point 2), every key optional except `ts` and at least one subject identifier:
/// ```
/// {"ts": "2026-11-28T10:00:00Z",
///  "subject": {"user_id", "email", "email_sha256", "phone", "phone_sha256", "ga_client_id",
///              "anonymous_id", "fbp", "device_id", "external_id"},
///  "regime": "opt_in" | "opt_out",
///  "purposes": {"analytics", "advertising", "personalization", "sale_share", "marketing": bool | null},
///  "signals": {"tcf": "C...", "gpp": "D...~...", "usp": "1YNN", "gpc": bool},
///  "source": "cmp-name"}
/// ```
/// `ts` is RFC 3339 (or a number of seconds since the epoch). Subject values are strings (numbers
/// are accepted and written in decimal). Purposes left out (or null) come from the decoded signals,
/// else stay unknown (an explicit purpose that contradicts the signals is kept, with a warning).
/// Unknown keys are ignored with a warning; a signal that does not decode is ignored with a warning. Blank lines are skipped. A malformed line (bad JSON, not an object, no
/// valid `ts`, no identifier, bad `regime` or purpose value, longer than `maxLineLength`) is
/// reported as an error with its line number and skipped. Never traps.
package struct ConsentFeedParser {
    package static let maxLineLength = 1 << 20

    private static let topKeys: Set<String> = ["ts", "subject", "regime", "purposes", "signals", "source"]
    private static let signalKeys: Set<String> = ["tcf", "gpp", "usp", "gpc"]

    package static func parse(lines: some Sequence<String>) -> (records: [ConsentRecord], problems: [FeedProblem]) {
        var records: [ConsentRecord] = []
        var problems: [FeedProblem] = []
        for (index, line) in lines.enumerated() {
            let n = index + 1
            switch parse(line: line, number: n) {
            case .blank: break
            case .record(let r, let warnings):
                records.append(r)
                problems += warnings.map { FeedProblem(line: n, severity: .warning, message: $0) }
            case .failure(let message, let warnings):
                problems += warnings.map { FeedProblem(line: n, severity: .warning, message: $0) }
                problems.append(FeedProblem(line: n, severity: .error, message: message))
            }
        }
        return (records, problems)
    }

    /// Splits text into lines (LF or CRLF) and parses them.
    package static func parse(text: String) -> (records: [ConsentRecord], problems: [FeedProblem]) {
        // Split on scalars: in Swift "\r\n" is one Character, so a Character split would miss it.
        parse(lines: text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.last == "\r" ? $0.dropLast() : $0)
        })
    }

    package enum LineResult {
        case blank
        case record(ConsentRecord, warnings: [String])
        case failure(String, warnings: [String])
    }

    /// Parses one line; `number` is stored in the record.
    package static func parse(line: String, number: Int) -> LineResult {
        guard line.utf8.count <= maxLineLength else { return .failure("line longer than \(maxLineLength) bytes", warnings: []) }
        let text = line.trimmingWhitespace()
        guard !text.isEmpty else { return .blank }
        let json: ConsentJSON
        do { json = try ConsentJSON.parse(text) } catch { return .failure("malformed JSON: \(error.message)", warnings: []) }
        guard case .object(let o) = json else { return .failure("a record must be a JSON object", warnings: []) }
        var warnings: [String] = []
        for k in o.keys.sorted() where !topKeys.contains(k) { warnings.append("unknown key '\(k)' ignored") }

        // ts
        let ts: Timestamp
        switch o["ts"] {
        case .string(let s)?:
            guard let t = Timestamp(rfc3339: s) else { return .failure("'ts' is not an RFC 3339 time", warnings: warnings) }
            ts = t
        case .int(let i)?: ts = Timestamp(seconds: Int64(i), nanoseconds: 0)
        case .double(let d)? where d.isFinite && abs(d) < 1e11: ts = Timestamp(nanoseconds: Int64(d * 1e9))
        case nil: return .failure("missing 'ts'", warnings: warnings)
        default: return .failure("'ts' must be an RFC 3339 string or epoch seconds", warnings: warnings)
        }

        // subject
        guard case .object(let subject)? = o["subject"] else {
            return .failure(o["subject"] == nil ? "missing 'subject'" : "'subject' must be an object", warnings: warnings)
        }
        var ids: [SubjectIdentifier] = []
        for k in subject.keys.sorted() {
            guard let kind = SubjectIdentifier.Kind(rawValue: k) else {
                warnings.append("unknown subject key '\(k)' ignored")
                continue
            }
            switch subject[k]! {
            case .string(let s) where !s.trimmingWhitespace().isEmpty: ids.append(SubjectIdentifier(kind, s))
            case .int(let i): ids.append(SubjectIdentifier(kind, String(i)))
            case .null: break
            default: warnings.append("subject '\(k)' must be a non-empty string; ignored")
            }
        }
        guard !ids.isEmpty else { return .failure("no subject identifier", warnings: warnings) }

        // regime
        var regime: ConsentRegime?
        switch o["regime"] {
        case nil, .null?: regime = nil
        case .string(let s)?:
            guard let r = ConsentRegime(rawValue: s) else {
                return .failure("'regime' must be \"opt_in\" or \"opt_out\"", warnings: warnings)
            }
            regime = r
        default: return .failure("'regime' must be \"opt_in\" or \"opt_out\"", warnings: warnings)
        }

        // purposes
        var purposes: [ConsentPurpose: PurposeState] = [:]
        switch o["purposes"] {
        case nil, .null?: break
        case .object(let p)?:
            for k in p.keys.sorted() {
                guard let purpose = ConsentPurpose(rawValue: k) else {
                    warnings.append("unknown purpose '\(k)' ignored")
                    continue
                }
                switch p[k]! {
                case .bool(let b): purposes[purpose] = PurposeState(b ? .granted : .denied, origin: "feed")
                case .null: break
                default: return .failure("purpose '\(k)' must be true, false or null", warnings: warnings)
                }
            }
        default: return .failure("'purposes' must be an object", warnings: warnings)
        }

        // signals
        var signals = RecordSignals()
        switch o["signals"] {
        case nil, .null?: break
        case .object(let s)?:
            for k in s.keys.sorted() where !signalKeys.contains(k) { warnings.append("unknown signal '\(k)' ignored") }
            signals = decodeSignals(s, warnings: &warnings)
        default: warnings.append("'signals' must be an object; ignored")
        }

        var source: String?
        switch o["source"] {
        case .string(let s)?: source = s
        case nil, .null?: source = nil
        default: warnings.append("'source' must be a string; ignored")
        }

        let derived = signals.derivedPurposes()
        for (p, explicit) in purposes.sorted(by: { $0.key < $1.key }) {
            guard let d = derived[p], d.decision != .unknown, d.decision != explicit.decision else { continue }
            warnings.append("purpose '\(p.rawValue)' is \(explicit.decision.rawValue) in the record but its \(d.origin) signal says \(d.decision.rawValue); the explicit value is used")
        }
        let record = ConsentRecord(ts: ts, identifiers: ids, regime: regime, purposes: purposes, signals: signals,
                                   source: source, line: number)
        return .record(record, warnings: warnings)
    }

    private static func decodeSignals(_ s: [String: ConsentJSON], warnings: inout [String]) -> RecordSignals {
        var out = RecordSignals()
        func text(_ key: String) -> String? {
            switch s[key] {
            case .string(let v)? where !v.isEmpty: return v
            case nil, .null?: return nil
            default:
                warnings.append("signal '\(key)' must be a string; ignored")
                return nil
            }
        }
        if let v = text("tcf") {
            let r = ConsentSignalDecoder.decode(v, as: .tcf)
            if let sig = r.signal { out.tcf = sig; out.raw["tcf"] = v } else { warnings.append("signal 'tcf' ignored: \(r.error!.message)") }
        }
        if let v = text("gpp") {
            let r = ConsentSignalDecoder.decode(v, as: .gpp)
            if case .gpp(let g)? = r.signal { out.gpp = g; out.raw["gpp"] = v } else { warnings.append("signal 'gpp' ignored: \(r.error?.message ?? "")") }
        }
        if let v = text("usp") {
            let r = ConsentSignalDecoder.decode(v, as: .usp)
            if case .usp(let u)? = r.signal { out.usp = u; out.raw["usp"] = v } else { warnings.append("signal 'usp' ignored: \(r.error?.message ?? "")") }
        }
        switch s["gpc"] {
        case .bool(let b)?: out.gpc = b
        case .int(let i)? where i == 0 || i == 1: out.gpc = i == 1
        case nil, .null?: break
        default: warnings.append("signal 'gpc' must be a boolean; ignored")
        }
        return out
    }
}
