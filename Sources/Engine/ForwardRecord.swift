import Primitives
import Classify
import Consent

/// One personal-data field found in a forward. `value` is masked and `valueHash` keyed, so a row
/// never holds a raw e-mail, phone or name unless the run asked for raw evidence (`rawValue`).
package struct PersonalDataFinding: Sendable {
    package var location: String
    package var path: String
    package var category: PIICategory
    package var confidence: Double
    package var hashed: HashKind?
    package var value: String
    /// HMAC-SHA-256 of the raw value under the run's key (written as 64 hex digits).
    package var valueHash: SHA256Digest
    package var rawValue: String?
}

/// A subject identifier found in a forward, as a keyed hash (raw and vendor-hashed forms of the same
/// e-mail or phone give the same hash).
package struct IdentifierFinding: Sendable, Hashable {
    package var kind: String
    package var hash: String
}

/// One row of `consenttap analyze`: a request to a tracker (catalog vendor or unknown third party).
///
/// Schema `forward`, version 1 (keys in README.md). `payload_visible` is false for TLS connections to
/// a catalog vendor that could not be decrypted: the forward is known, its content is not.
package struct ForwardRecord: Sendable {
    package var firstPacket: PacketRef
    package var uid: UInt64
    package var vendor: String
    package var vendorName: String
    package var purpose: String?
    package var tcfVendorID: Int?
    package var endpointMatched: Bool
    package var client: Endpoint
    package var server: Endpoint
    package var host: String?
    package var hostSource: String
    package var method: String?
    package var path: String?
    package var httpVersion: String?
    package var tls: TLSSummary?
    package var status: Int?
    package var payloadVisible: Bool
    package var personalData: [PersonalDataFinding]
    package var identifiers: [IdentifierFinding]
    /// Identifiers grouped per subject (batch item), for consent correlation. Not written out raw.
    package var subjects: [[SubjectIdentifier]]
    package var inBand: InBandSignals
    package var verdict: ConsentVerdict?

    package func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key(literal: "ts"); json.timestamp(firstPacket.time)
        json.key(literal: "uid"); json.int(Int(uid))
        json.key(literal: "vendor"); json.string(vendor)
        json.key(literal: "vendor_name"); json.string(vendorName)
        json.key(literal: "purpose"); json.optionalString(purpose)
        json.key(literal: "tcf_vendor_id"); json.optionalInt(tcfVendorID)
        json.key(literal: "endpoint_matched"); json.bool(endpointMatched)
        json.key(literal: "client"); json.endpoint(client)
        json.key(literal: "server"); json.endpoint(server)
        json.key(literal: "host"); json.optionalString(host)
        json.key(literal: "host_source"); json.string(hostSource)
        json.key(literal: "method"); json.optionalString(method)
        json.key(literal: "path"); json.optionalString(path)
        json.key(literal: "http_version"); json.optionalString(httpVersion)
        json.key(literal: "tls")
        if let tls { tls.write(to: &json) } else { json.null() }
        json.key(literal: "status"); json.optionalInt(status)
        json.key(literal: "payload_visible"); json.bool(payloadVisible)
        json.key(literal: "personal_data")
        json.beginArray()
        for f in personalData {
            json.beginObject()
            json.key(literal: "location"); json.string(f.location)
            json.key(literal: "path"); json.string(f.path)
            json.key(literal: "category"); json.string(f.category.rawValue)
            json.key(literal: "confidence"); ForwardRecord.writeConfidence(f.confidence, to: &json)
            json.key(literal: "hashed"); json.optionalString(f.hashed?.rawValue)
            json.key(literal: "value"); json.string(f.value)
            json.key(literal: "value_hash"); json.hex(f.valueHash)
            if let raw = f.rawValue { json.key(literal: "raw_value"); json.string(raw) }
            json.endObject()
        }
        json.endArray()
        json.key(literal: "identifiers")
        json.beginArray()
        for i in identifiers {
            json.beginObject(); json.key(literal: "kind"); json.string(i.kind); json.key(literal: "hash"); json.string(i.hash); json.endObject()
        }
        json.endArray()
        if let verdict {
            // The evaluator's own deterministic JSON: verdict, subjects (keyed), consent, reasons.
            if case .object(let members) = verdict.jsonValue {
                for (key, value) in members.sorted(by: { $0.key < $1.key }) where key != "category" {
                    json.key(key == "requiredPurposes" ? "required_purposes" : key)
                    json.raw(value)
                }
            }
        }
        json.endObject()
    }
}

extension ForwardRecord {
    /// Confidences are written with two decimals; the 101 possible texts are made once.
    private static let confidenceTexts = (0...100).map { String(Double($0) / 100) }

    static func writeConfidence(_ c: Double, to json: inout JSONWriter) {
        let hundredths = (c * 100).rounded()
        if hundredths >= 0, hundredths <= 100 { json.raw(confidenceTexts[Int(hundredths)]) } else { json.double(hundredths / 100) }
    }
}

extension TLSSummary {
    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key(literal: "sni"); json.optionalString(sni)
        json.key(literal: "version"); json.optionalString(version)
        json.key(literal: "cipher"); json.optionalString(cipher)
        json.key(literal: "alpn"); json.optionalString(alpn)
        json.key(literal: "decrypted"); json.bool(decrypted)
        json.endObject()
    }
}
