import Consent
import Primitives

/// One accepted consent-feed record together with its canonical feed line
/// (`ConsentRecord.feedLine`: the known keys only, compact, keys sorted).
///
/// The canonical line is what the store persists and what makes ingestion idempotent: the same
/// record sent twice, with different spacing, key order or ignored extra keys, has the same
/// canonical line, and parsing it gives back an equal record. It contains the subject's raw
/// identifiers as the feed gave them (the timeline needs them to derive lookup keys), so it is
/// stored, never logged. Keys the parser ignores are not stored (data minimisation).
package struct ConsentFeedEntry: Equatable, Sendable {
    package var record: ConsentRecord
    package var canonicalLine: String

    package init(record: ConsentRecord) {
        self.record = record
        self.canonicalLine = record.feedLine
    }

    /// Parses one feed line (`ConsentFeedParser` rules); `number` is the 1-based line (or array
    /// element) number used in problems and stored in the record.
    package static func parse(line: String, number: Int) -> (entry: ConsentFeedEntry?, problems: [IngestProblem]) {
        switch ConsentFeedParser.parse(line: line, number: number) {
        case .blank:
            return (nil, [])
        case .failure(let message, let warnings):
            return (nil, warnings.map { IngestProblem(line: number, severity: .warning, message: $0) }
                + [IngestProblem(line: number, severity: .error, message: message)])
        case .record(let record, let warnings):
            return (ConsentFeedEntry(record: record), warnings.map { IngestProblem(line: number, severity: .warning, message: $0) })
        }
    }
}
