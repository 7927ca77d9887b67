import Yams

/// A problem in a live config file, with its position (1-based line and column).
package struct LiveConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    package var line: Int
    package var column: Int
    package var message: String

    package init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    package var description: String { "line \(line), column \(column): \(message)" }
}

/// Reads the YAML config of `consenttap live` (keys of `LiveConfig.keys`, one mapping at the top).
///
/// Every problem is reported, not only the first: YAML syntax (position from libyaml), unknown keys
/// (with the closest known key suggested), wrong types, values out of range. Sizes may be written
/// as integers or with a unit (`32MiB`, `512KiB`, `1GiB`). A list key also takes a single string.
package enum LiveConfigParser {
    package static func parse(_ text: String) -> (LiveConfig, [LiveConfigError]) {
        var config = LiveConfig()
        var errors: [LiveConfigError] = []
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            errors.append(syntaxError(error, text: text))
            return (config, errors)
        } catch {
            errors.append(LiveConfigError(line: 1, column: 1, message: "not valid YAML: \(error)"))
            return (config, errors)
        }
        guard let root else { return (config, errors) }  // an empty file sets nothing
        guard case .mapping(let mapping) = root else {
            errors.append(at(root, "the file must be a mapping of settings (key: value)"))
            return (config, errors)
        }
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                errors.append(at(keyNode, "a setting name must be a plain string"))
                continue
            }
            let key = keyScalar.string
            if !seen.insert(key).inserted { errors.append(at(keyNode, "'\(key)' is set twice")); continue }
            guard LiveConfig.keys.contains(key) else {
                let hint = closest(to: key).map { " (did you mean '\($0)'?)" } ?? ""
                errors.append(at(keyNode, "unknown setting '\(key)'\(hint)"))
                continue
            }
            var one = LiveConfig()
            one.interfaces = ["_"]
            one.consent = "_"   // combinations of keys are checked on the whole config (problem())
            do {
                try assign(key, value, to: &config)
                try assign(key, value, to: &one)
            } catch let error as LiveConfigError {
                errors.append(error)
                continue
            } catch {}
            if let problem = one.problem() { errors.append(at(value, problem)) }
        }
        return (config, errors)
    }

    private static func assign(_ key: String, _ v: Node, to c: inout LiveConfig) throws {
        switch key {
        case "interfaces": c.interfaces = try strings(v, key)
        case "bpf": c.bpf = try string(v, key)
        case "snaplen": c.snaplen = try size(v, key)
        case "buffer_size": c.bufferSize = try size(v, key)
        case "promiscuous": c.promiscuous = try bool(v, key)
        case "immediate": c.immediate = try bool(v, key)
        case "workers": c.workers = try integer(v, key)
        case "queue_packets": c.queuePackets = try size(v, key)
        case "queue_bytes": c.queueBytes = try size(v, key)
        case "keylog": c.keylog = try strings(v, key)
        case "key_wait_ms": c.keyWaitMs = try integer(v, key)
        case "grace": c.graceSeconds = try integer(v, key)
        case "catalog": c.catalog = try strings(v, key)
        case "first_party": c.firstParty = try strings(v, key)
        case "hash_key_file": c.hashKeyFile = try string(v, key)
        case "policy": c.policy = try string(v, key)
        case "default_regime": c.defaultRegime = try string(v, key)
        case "consent": c.consent = try string(v, key)
        case "consent_db": c.consentDB = try string(v, key)
        case "follow": c.follow = try bool(v, key)
        case "consent_listen": c.consentListen = try string(v, key)
        case "consent_token_file": c.consentTokenFile = try string(v, key)
        case "alert": c.alert = try strings(v, key)
        case "webhook_secret_file": c.webhookSecretFile = try string(v, key)
        case "alert_window": c.alertWindow = try integer(v, key)
        case "metrics": c.metrics = try string(v, key)
        case "user": c.user = try string(v, key)
        case "stats_interval": c.statsInterval = try integer(v, key)
        case "raw_evidence": c.rawEvidence = try bool(v, key)
        default:
            throw at(v, "unknown setting '\(key)'")
        }
    }

    // MARK: - Typed values

    private static func scalar(_ v: Node, _ key: String, _ what: String) throws -> Node.Scalar {
        guard case .scalar(let s) = v else { throw at(v, "'\(key)' must be \(what)") }
        return s
    }

    private static func string(_ v: Node, _ key: String) throws -> String {
        let s = try scalar(v, key, "a string")
        guard s.style != .plain || !["", "~", "null", "Null", "NULL"].contains(s.string) else { throw at(v, "'\(key)' must not be empty") }
        return s.string
    }

    private static func strings(_ v: Node, _ key: String) throws -> [String] {
        switch v {
        case .scalar: return [try string(v, key)]
        case .sequence(let seq): return try seq.map { try string($0, key) }
        default: throw at(v, "'\(key)' must be a string or a list of strings")
        }
    }

    private static func bool(_ v: Node, _ key: String) throws -> Bool {
        let s = try scalar(v, key, "true or false")
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw at(v, "'\(key)' must be true or false, not '\(s.string)'")
        }
    }

    private static func integer(_ v: Node, _ key: String) throws -> Int {
        let s = try scalar(v, key, "an integer")
        guard let n = Int(s.string) else { throw at(v, "'\(key)' must be an integer, not '\(s.string)'") }
        return n
    }

    /// An integer, optionally with a binary unit: KiB, MiB, GiB (also K, M, G).
    package static func parseSize(_ text: String) -> Int? {
        let units: [(String, Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30)]
        let t = text.trimmingSpaces()
        for (suffix, scale) in units where t.hasSuffix(suffix) {
            guard let n = Int(t.dropLast(suffix.count).trimmingSpaces()), n >= 0, n <= Int.max / scale else { return nil }
            return n * scale
        }
        return Int(t)
    }

    private static func size(_ v: Node, _ key: String) throws -> Int {
        let s = try scalar(v, key, "a size")
        guard let n = parseSize(s.string) else { throw at(v, "'\(key)' must be a size such as 65536 or 32MiB, not '\(s.string)'") }
        return n
    }

    // MARK: - Positions

    private static func at(_ node: Node, _ message: String) -> LiveConfigError {
        let mark = node.mark
        return LiveConfigError(line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
    }

    private static func syntaxError(_ error: YamlError, text: String) -> LiveConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return LiveConfigError(line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, _):
            // Yams reports the mapping; point at the second occurrence of the first duplicated key.
            let names = duplicates.map { "\($0)" }.sorted()
            let key = names.first ?? ""
            var seen = 0, line = 1
            for (i, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where l.hasPrefix(key + ":") || l.hasPrefix("\"" + key + "\":") {
                seen += 1
                if seen == 2 { line = i + 1; break }
            }
            return LiveConfigError(line: line, column: 1, message: "'\(names.joined(separator: "', '"))' is set twice")
        default:
            let first = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            return LiveConfigError(line: 1, column: 1, message: "not valid YAML: \(first)")
        }
    }

    /// The known key at the smallest edit distance (at most 3), if any.
    static func closest(to key: String) -> String? {
        let scored = LiveConfig.keys.map { ($0, editDistance(Array(key.utf8), Array($0.utf8))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 3 else { return nil }
        return best.0
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
