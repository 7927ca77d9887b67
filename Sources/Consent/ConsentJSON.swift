import Foundation
import Primitives

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
        let out = ByteBuffer(capacity: 256)
        write(into: out)
        return out.text
    }

    /// Appends `json`'s bytes to `out`.
    package func write(into out: ByteBuffer) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): out.appendDecimal(i)
        case .double(let d): if d.isFinite { out.append(utf8: "\(d)") } else { out.append("null") }
        case .string(let s): ConsentJSON.writeString(s, into: out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(into: out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, k) in o.keys.sorted().enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                ConsentJSON.writeString(k, into: out)
                out.append(UInt8(ascii: ":"))
                o[k]!.write(into: out)
            }
            out.append(UInt8(ascii: "}"))
        }
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

    /// A JSON string: quote, backslash, LF, CR and TAB escaped by name, other control characters as
    /// `\u00xx`, the rest (UTF-8 included) as is. Works on the UTF-8 bytes: every byte of a
    /// multi-byte sequence is >= 0x80, so none is mistaken for one to escape.
    private static func writeString(_ s: String, into out: ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            var run = 0
            for i in bytes.indices {
                let b = bytes[i]
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") else { continue }
                out.append(UnsafeBufferPointer(rebasing: bytes[run..<i]))
                run = i + 1
                switch b {
                case UInt8(ascii: "\""): out.append("\\\"")
                case UInt8(ascii: "\\"): out.append("\\\\")
                case 0x0A: out.append("\\n")
                case 0x0D: out.append("\\r")
                case 0x09: out.append("\\t")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    out.append("\\u00")
                    out.append(hex.utf8Start[Int(b >> 4)])
                    out.append(hex.utf8Start[Int(b & 0xF)])
                }
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}

// MARK: - Building

extension ConsentJSON {
    static func ids(_ values: [Int]) -> ConsentJSON { .array(values.map { .int($0) }) }
    static func optional(_ value: ConsentJSON?) -> ConsentJSON { value ?? .null }
}
