import Primitives

/// One consent record from the feed: who, when, under which regime, and what they chose.
///
/// `purposes` always has an entry for every `ConsentPurpose`: the feed's explicit value (origin
/// `feed`), else the value derived from the record's signals (origin `tcf`, `gpp.usnat`, ...),
/// else `unknown`. `regime` nil means "the default regime" (`--default-regime`).
package struct ConsentRecord: Equatable, Sendable {
    package var ts: Timestamp
    package var identifiers: [SubjectIdentifier]
    package var regime: ConsentRegime?
    package var purposes: [ConsentPurpose: PurposeState]
    package var signals: RecordSignals
    package var source: String?
    /// 1-based feed line (or position) the record came from, for reasons and audits.
    package var line: Int

    package init(ts: Timestamp, identifiers: [SubjectIdentifier], regime: ConsentRegime? = nil,
                 purposes: [ConsentPurpose: PurposeState] = [:], signals: RecordSignals = RecordSignals(),
                 source: String? = nil, line: Int = 0) {
        self.ts = ts
        self.identifiers = identifiers
        self.regime = regime
        self.signals = signals
        self.source = source
        self.line = line
        var all: [ConsentPurpose: PurposeState] = [:]
        let derived = signals.derivedPurposes()
        for p in ConsentPurpose.allCases { all[p] = purposes[p] ?? derived[p] ?? .unknown }
        self.purposes = all
    }

    package func decision(_ purpose: ConsentPurpose) -> PurposeDecision { purposes[purpose]?.decision ?? .unknown }

    /// The record in the feed format (one JSON line, keys sorted), for persistence: parsing it
    /// gives back an equal record (with the line number the parser assigns). Contains the raw
    /// identifiers: store it like the feed itself, never log it.
    package var feedLine: String {
        var subject: [String: ConsentJSON] = [:]
        for id in identifiers { subject[id.kind.rawValue] = .string(id.value) }
        var explicit: [String: ConsentJSON] = [:]
        for (p, s) in purposes where s.origin == "feed" && s.decision != .unknown {
            explicit[p.rawValue] = .bool(s.decision == .granted)
        }
        var o: [String: ConsentJSON] = ["ts": .string(ts.rfc3339), "subject": .object(subject)]
        if let regime { o["regime"] = .string(regime.rawValue) }
        if !explicit.isEmpty { o["purposes"] = .object(explicit) }
        var sig: [String: ConsentJSON] = signals.raw.mapValues { .string($0) }
        if let gpc = signals.gpc { sig["gpc"] = .bool(gpc) }
        if !sig.isEmpty { o["signals"] = .object(sig) }
        if let source { o["source"] = .string(source) }
        return ConsentJSON.object(o).json
    }

    /// The record without raw identifiers (kinds only), for verdict output.
    package var summaryJSON: ConsentJSON {
        var p: [String: ConsentJSON] = [:]
        for (k, v) in purposes { p[k.rawValue] = .string(v.decision.rawValue) }
        var origins: [String: ConsentJSON] = [:]
        for (k, v) in purposes where v.decision != .unknown { origins[k.rawValue] = .string(v.origin) }
        return .object([
            "ts": .string(ts.rfc3339), "source": source.map { .string($0) } ?? .null, "line": .int(line),
            "regime": regime.map { .string($0.rawValue) } ?? .null, "purposes": .object(p),
            "purposeOrigins": .object(origins),
            "identifierKinds": .array(Set(identifiers.map(\.kind.rawValue)).sorted().map { .string($0) }),
        ])
    }
}

/// The consent signals a feed record carried, decoded.
package struct RecordSignals: Equatable, Sendable {
    package var tcf: ConsentSignal?
    package var gpp: GPPString?
    package var usp: USPrivacyString?
    package var gpc: Bool?
    /// The signal strings as received (`tcf`, `gpp`, `usp`), for storage and audit.
    package var raw: [String: String] = [:]

    package init(tcf: ConsentSignal? = nil, gpp: GPPString? = nil, usp: USPrivacyString? = nil, gpc: Bool? = nil) {
        self.tcf = tcf
        self.gpp = gpp
        self.usp = usp
        self.gpc = gpc
    }

    /// Purposes as the signals state them; a denial from any signal wins over a grant.
    package func derivedPurposes() -> [ConsentPurpose: PurposeState] {
        var out = SignalPurposes()
        if case .tcf(let t)? = tcf { out.add(tcf: t, origin: "tcf") }
        if case .tcfV1(let t)? = tcf { out.add(tcfV1: t, origin: "tcf") }
        if let gpp { out.add(gpp: gpp) }
        if let usp { out.add(usp: usp, origin: "usp") }
        if gpc == true { out.set(.saleShare, .denied, origin: "gpc") }
        return out.states
    }
}
