import Primitives

/// What a rule sees for one subject of one forward.
package struct ConsentRuleInput: Sendable {
    package var category: String
    package var regime: ConsentRegime
    package var required: [ConsentPurpose]
    package var unknownIsViolation: Bool
    /// The record in force at `time`, nil when the subject has none.
    package var record: ConsentRecord?
    package var inBand: InBandSignals
    package var time: Timestamp
    /// The vendor's TCF GVL id, if any.
    package var tcfVendorId: Int? = nil
}

/// A rule's answer: pass with notes, or a violation with its reason (plus notes).
package enum ConsentRuleResult: Equatable, Sendable {
    case pass(notes: [String])
    case violation(reasons: [String], notes: [String])

    var isViolation: Bool { if case .violation = self { return true }; return false }
}

/// A composable consent rule (cf. swift-certificates `VerifierPolicy`): evaluates one subject and
/// says why. Rules never throw and read no clock.
package protocol ConsentRule: Sendable {
    var name: String { get }
    func evaluate(_ input: ConsentRuleInput) -> ConsentRuleResult
}

/// Runs every rule; a violation from any rule makes the whole a violation; reasons and notes are
/// kept in rule order.
package struct AllOfConsentRules: ConsentRule {
    package var rules: [any ConsentRule]
    package var name: String { "all_of(" + rules.map(\.name).joined(separator: ",") + ")" }

    package init(_ rules: [any ConsentRule]) { self.rules = rules }

    package func evaluate(_ input: ConsentRuleInput) -> ConsentRuleResult {
        var reasons: [String] = []
        var notes: [String] = []
        for rule in rules {
            switch rule.evaluate(input) {
            case .pass(let n): notes += n
            case .violation(let r, let n): reasons += r; notes += n
            }
        }
        return reasons.isEmpty ? .pass(notes: notes) : .violation(reasons: reasons, notes: notes)
    }
}

extension ConsentRecord {
    /// "the record of 2026-11-28T10:00:00Z from cmp (line 3)".
    var phrase: String {
        "the record of \(String(ts.rfc3339.prefix(19)))Z" + (source.map { " from \($0)" } ?? "") + " (line \(line))"
    }
}
