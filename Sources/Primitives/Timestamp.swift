/// A capture timestamp: nanoseconds since the Unix epoch, UTC.
///
/// Time in the core is always an input taken from packets (never read from a clock), so that the
/// same capture always gives the same output.
public struct Timestamp: Hashable, Comparable, Sendable {
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Int64, nanoseconds: Int64) { self.nanoseconds = seconds &* 1_000_000_000 &+ nanoseconds }

    public static let zero = Timestamp(nanoseconds: 0)
    @inlinable public static func < (a: Timestamp, b: Timestamp) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func == (a: Timestamp, b: Timestamp) -> Bool { a.nanoseconds == b.nanoseconds }

    @inlinable public var seconds: Int64 { nanoseconds >= 0 ? nanoseconds / 1_000_000_000 : (nanoseconds - 999_999_999) / 1_000_000_000 }
    public var secondsAsDouble: Double { Double(nanoseconds) / 1e9 }

    public func adding(nanoseconds delta: Int64) -> Timestamp { Timestamp(nanoseconds: nanoseconds &+ delta) }
    public func adding(seconds delta: Double) -> Timestamp { Timestamp(nanoseconds: nanoseconds &+ Int64(delta * 1e9)) }

    /// RFC 3339 in UTC with microseconds, e.g. `2026-11-28T10:00:00.123456Z`.
    public var rfc3339: String {
        let text = ByteBuffer(capacity: 32)
        appendRFC3339(to: text)
        return text.text
    }

    /// Appends `rfc3339` as ASCII bytes, without building a `String` (for writers on hot paths).
    @inlinable
    public func appendRFC3339(to out: ByteBuffer) {
        let secs = seconds
        let micros = (nanoseconds - secs * 1_000_000_000) / 1000
        let (y, m, d) = Timestamp.civilDate(daysSinceEpoch: Int(secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400))
        let dayStart = Int64(Timestamp.daysSinceEpoch(year: y, month: m, day: d)) * 86_400
        let sod = Int(secs - dayStart)
        out.appendZeroPadded(y, width: 4)
        out.append(UInt8(ascii: "-"))
        out.appendZeroPadded(m, width: 2)
        out.append(UInt8(ascii: "-"))
        out.appendZeroPadded(d, width: 2)
        out.append(UInt8(ascii: "T"))
        out.appendZeroPadded(sod / 3600, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendZeroPadded(sod / 60 % 60, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendZeroPadded(sod % 60, width: 2)
        out.append(UInt8(ascii: "."))
        out.appendZeroPadded(Int(micros), width: 6)
        out.append(UInt8(ascii: "Z"))
    }

    /// Parses RFC 3339 (`2026-11-28T10:00:00Z`, optional fraction, `Z` or `±hh:mm` offset).
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= b.count else { return nil }
            var v = 0
            for i in from..<(from + len) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard let y = num(0, 4), b.count > 4, b[4] == 45, let mo = num(5, 2), b.count > 7, b[7] == 45,
              let d = num(8, 2), b.count > 10, b[10] == 84 || b[10] == 116 || b[10] == 32,
              let h = num(11, 2), b.count > 13, b[13] == 58, let mi = num(14, 2), b.count > 16, b[16] == 58,
              let s = num(17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        var frac: Int64 = 0
        if i < b.count, b[i] == 46 {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 9 { frac = frac * 10 + Int64(b[i] - 48); digits += 1 }
                i += 1
            }
            guard digits > 0 else { return nil }
            while digits < 9 { frac *= 10; digits += 1 }
        }
        var offset = 0
        guard i < b.count else { return nil }
        if b[i] == 90 || b[i] == 122 { i += 1 } else if b[i] == 43 || b[i] == 45, let oh = num(i + 1, 2),
            i + 3 < b.count, b[i + 3] == 58, let om = num(i + 4, 2) {
            offset = (oh * 60 + om) * 60 * (b[i] == 43 ? 1 : -1)
            i += 6
        } else { return nil }
        guard i == b.count else { return nil }
        let days = Int64(Timestamp.daysSinceEpoch(year: y, month: mo, day: d))
        let secs = days * 86_400 + Int64(h * 3600 + mi * 60 + s) - Int64(offset)
        self.init(seconds: secs, nanoseconds: frac)
    }

    // Howard Hinnant's civil-from-days algorithms (public domain).
    @usableFromInline static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    @usableFromInline static func civilDate(daysSinceEpoch z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
