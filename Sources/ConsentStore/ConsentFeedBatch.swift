import Consent

/// Entries and problems from one read of a consent source.
package struct ConsentFeedBatch: Equatable, Sendable {
    package var entries: [ConsentFeedEntry] = []
    package var problems: [IngestProblem] = []

    package init(entries: [ConsentFeedEntry] = [], problems: [IngestProblem] = []) {
        self.entries = entries
        self.problems = problems
    }

    package var records: [ConsentRecord] { entries.map(\.record) }
}
