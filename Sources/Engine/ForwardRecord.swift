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
    package var valueHash: String
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
        json.field("ts", firstPacket.time.rfc3339)
        json.key("uid"); json.int(Int(uid))
        json.field("vendor", vendor)
        json.field("vendor_name", vendorName)
        json.field("purpose", purpose)
        json.field("tcf_vendor_id", tcfVendorID)
        json.field("endpoint_matched", endpointMatched)
        json.field("client", client.description)
        json.field("server", server.description)
        json.field("host", host)
        json.field("host_source", hostSource)
        json.field("method", method)
        json.field("path", path)
        json.field("http_version", httpVersion)
        json.key("tls")
        if let tls { tls.write(to: &json) } else { json.null() }
        json.field("status", status)
        json.field("payload_visible", payloadVisible)
        json.key("personal_data")
        json.beginArray()
        for f in personalData {
            json.beginObject()
            json.field("location", f.location)
            json.field("path", f.path)
            json.field("category", f.category.rawValue)
            json.key("confidence"); ForwardRecord.writeConfidence(f.confidence, to: &json)
            json.field("hashed", f.hashed?.rawValue)
            json.field("value", f.value)
            json.field("value_hash", f.valueHash)
            if let raw = f.rawValue { json.field("raw_value", raw) }
            json.endObject()
        }
        json.endArray()
        json.key("identifiers")
        json.beginArray()
        for i in identifiers {
            json.beginObject(); json.field("kind", i.kind); json.field("hash", i.hash); json.endObject()
        }
        json.endArray()
        if let verdict {
            // The evaluator's own deterministic JSON: verdict, subjects (keyed), consent, reasons.
            if case .object(let members) = verdict.jsonValue {
                for (key, value) in members.sorted(by: { $0.key < $1.key }) where key != "category" {
                    json.key(key == "requiredPurposes" ? "required_purposes" : key)
                    json.raw(value.json)
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
        json.field("sni", sni)
        json.field("version", version)
        json.field("cipher", cipher)
        json.field("alpn", alpn)
        json.field("decrypted", decrypted)
        json.endObject()
    }
}
