import Foundation

/// A small JSON value with a deterministic serialiser (object keys sorted, no whitespace).
///
/// Used for decoder output (`consenttap consent decode`), the consent feed and the policy file.
/// `ConsentJSON.parse` (ConsentJSON+Parse.swift) reads RFC 8259 text: booleans stay booleans,
/// integral numbers that fit `Int` become `.int`, other numbers `.double`.
package enum ConsentJSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([ConsentJSON])
    case object([String: ConsentJSON])

    /// Compact, deterministic JSON text.
    package var json: String {
        var out = ""
        write(into: &out)
        return out
    }

    package subscript(key: String) -> ConsentJSON? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    package var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    package var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    package var intValue: Int? { if case .int(let i) = self { return i }; return nil }
    package var objectValue: [String: ConsentJSON]? { if case .object(let o) = self { return o }; return nil }
    package var arrayValue: [ConsentJSON]? { if case .array(let a) = self { return a }; return nil }
    package var isNull: Bool { if case .null = self { return true }; return false }

    /// Foundation-style value (`[String: Any]`, `[Any]`, `Bool`, `Int`, `Double`, `String`,
    /// `NSNull`), ready for `JSONSerialization`.
    package var anyValue: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let b): return b
        case .int(let i): return i
        case .double(let d): return d
        case .string(let s): return s
        case .array(let a): return a.map(\.anyValue)
        case .object(let o): return o.mapValues(\.anyValue)
        }
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? "\(d)" : "null"
        case .string(let s): ConsentJSON.writeString(s, into: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() {
                if i > 0 { out += "," }
                v.write(into: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, k) in o.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                ConsentJSON.writeString(k, into: &out)
                out += ":"
                o[k]!.write(into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

// MARK: - Building

extension ConsentJSON {
    static func ids(_ values: [Int]) -> ConsentJSON { .array(values.map { .int($0) }) }
    static func optional(_ value: ConsentJSON?) -> ConsentJSON { value ?? .null }
}
