/// The verdict on one field: a category, a confidence in 0...1 and the hash the value carries, if any.
package struct Classification: Sendable, Equatable {
    package var category: PIICategory
    package var confidence: Double
    package var hashed: HashKind?

    package init(category: PIICategory, confidence: Double, hashed: HashKind? = nil) {
        self.category = category
        self.confidence = min(1, max(0, confidence))
        self.hashed = hashed
    }

    package static let notPersonal = Classification(category: .none, confidence: 0.9)
}
