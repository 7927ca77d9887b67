import Consent
import Primitives

/// One accepted consent-feed record together with its canonical feed line: the record's JSON
/// object re-serialised compactly with sorted keys (`ConsentJSON.json`).
///
/// The canonical line is what the store persists and what makes ingestion idempotent: the same
/// record sent twice, with different spacing or key order, has the same canonical line. It
/// contains the subject's raw identifiers as the feed gave them (the timeline needs them to derive
/// lookup keys), so it is stored, never logged.
package struct ConsentFeedEntry: Equatable, Sendable {
    package var record: ConsentRecord
    package var canonicalLine: String

    package init(record: ConsentRecord, canonicalLine: String) {
        self.record = record
        self.canonicalLine = canonicalLine
    }

    /// Parses one feed line (`ConsentFeedParser` rules); `number` is the 1-based line (or array
    /// element) number used in problems and stored in the record. `alreadyCanonical` skips the
    /// re-serialisation for lines read back from the store.
    package static func parse(line: String, number: Int,
                              alreadyCanonical: Bool = false) -> (entry: ConsentFeedEntry?, problems: [IngestProblem]) {
        func problems(_ warnings: [String]) -> [IngestProblem] {
            warnings.map { IngestProblem(line: number, severity: .warning, message: $0) }
        }
        switch ConsentFeedParser.parse(line: line, number: number) {
        case .blank:
            return (nil, [])
        case .failure(let message, let warnings):
            return (nil, problems(warnings) + [IngestProblem(line: number, severity: .error, message: message)])
        case .record(let record, let warnings):
            if alreadyCanonical { return (ConsentFeedEntry(record: record, canonicalLine: line), problems(warnings)) }
            // The parser accepted it, so it is a JSON object: re-serialise canonically.
            guard let json = try? ConsentJSON.parse(line.trimmingCharacters()) else {
                return (nil, [IngestProblem(line: number, severity: .error, message: "malformed JSON")])
            }
            return (ConsentFeedEntry(record: record, canonicalLine: json.json), problems(warnings))
        }
    }
}

extension String {
    /// Trims ASCII spaces, tabs, CR and LF at both ends.
    func trimmingCharacters() -> String {
        let u = Array(utf8)
        var a = 0
        var b = u.count
        func space(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        while a < b, space(u[a]) { a += 1 }
        while b > a, space(u[b - 1]) { b -= 1 }
        return String(decoding: u[a..<b], as: UTF8.self)
    }
}
