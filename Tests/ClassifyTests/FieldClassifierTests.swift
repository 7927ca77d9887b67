import Foundation
import Testing
import Payload
@testable import Classify

@Suite("FieldClassifier")
struct FieldClassifierTests {
    let c = FieldClassifier()
    func cat(_ path: String, _ value: String, vendor: String? = nil, _ loc: FieldLocation? = .body) -> PIICategory {
        c.classify(path: path, value: value, vendor: vendor, location: loc).category
    }

    @Test("vendor schema: Meta user_data keys, hashed and plain")
    func meta() {
        let h = String(repeating: "a1", count: 32)
        #expect(cat("data[0].user_data.em[0]", h, vendor: "meta_capi") == .email_sha256)
        #expect(cat("ud[ph]", h, vendor: "meta_pixel") == .phone_sha256)
        let fn = c.classify(path: "data[0].user_data.fn", value: h, vendor: "meta_capi", location: .body)
        #expect(fn.category == .name_first && fn.hashed == .sha256)
        #expect(cat("data[0].user_data.client_ip_address", "11.116.122.199") == .ip_address)
        #expect(cat("data[0].user_data.fbc", "fb.1.1657233606233.IwAR4aU6A4NGOo") == .click_id)
        #expect(cat("data[0].user_data.fbp", "fb.2.1737753919208.294813870") == .cookie_id)
    }

    @Test("JSON:API resources: the key above `data.attributes` says whether it is a person or a thing")
    func jsonAPIResources() {
        #expect(cat("data.attributes.metric.data.attributes.name", "Placed Order") == .none)
        #expect(cat("data.attributes.profile.data.attributes.first_name", "Lena") == .name_first)
        #expect(cat("data.attributes.profile.data.attributes.email", "lena.hoffmann@example.org") == .email)
        #expect(cat("data.attributes.first_name", "Lena") == .name_first)
    }

    @Test("a documented category is confirmed by the value, or refused")
    func documentedConfirmation() {
        let name = c.name(path: "user.uuid", vendor: nil)
        #expect(c.confirm(documented: .cookie_id, name: name, bytes: Array("1709301234567.5e2b7c9a".utf8)[...])?.category == .cookie_id)
        #expect(c.confirm(documented: .cookie_id, name: name, bytes: Array("null".utf8)[...]) == nil)
        #expect(c.confirm(documented: .cookie_id, name: name, bytes: Array("  ".utf8)[...]) == nil)
        #expect(c.confirm(documented: .user_id, name: name, bytes: Array("lena@example.org".utf8)[...])?.category == .email)
        #expect(c.confirm(documented: .email, name: name, bytes: Array("not an address".utf8)[...]) == nil)
    }

    @Test("generic names in several languages")
    func languages() {
        #expect(cat("courriel", "marie@exemple.fr") == .email)
        #expect(cat("form.telefono", "+34 912 345 678") == .phone)
        #expect(cat("kunde.vorname", "Jürgen") == .name_first)
        #expect(cat("kunde.nachname", "Müller") == .name_last)
        #expect(cat("cliente.codigo_postal", "28013") == .postal_code)
        #expect(cat("traits.birthday", "1972-05-23") == .date_of_birth)
        #expect(cat("attributes[0].gender", "femme") == .gender)
    }

    @Test("same value, different meaning by path")
    func contextByPath() {
        let u = "3698c701-bcda-4611-89da-35ac0c8231b6"
        #expect(cat("messageId", u) == .none)
        #expect(cat("properties.cart_id", u) == .none)
        #expect(cat("anonymousId", u) == .cookie_id)
        #expect(cat("events[0].device_id", u) == .device_id)
        #expect(cat("userId", u) == .user_id)
        #expect(cat("items[0].item_name", "Paris") == .none)
        #expect(cat("traits.address.city", "Paris") == .city)
        #expect(cat("properties.products[0].name", "Berlin") == .none)
        #expect(cat("traits.name", "Ekaja Dayal") == .name_full)
    }

    @Test("traps: merchant contacts, booleans, versions, hashes of content, order ids")
    func traps() {
        #expect(cat("ep.store_contact", "info@greer.net") == .none)
        #expect(cat("properties.merchant.support_email", "noreply@x.com") == .none)
        #expect(cat("email_enabled", "true") == .none)
        #expect(cat("context.app.version", "10.0.19669.2267") == .none)
        #expect(cat("context.library.version", "6.5.98.138") == .none)
        #expect(cat("asset_hash", String(repeating: "cd", count: 32)) == .none)
        #expect(cat("properties.order_id", "373258026657596") == .none)
        #expect(cat("context.region", "eu-west-1") == .none)
        #expect(cat("data[0].custom_data.checkin_date", "04/11/2024") == .none)
        #expect(cat("client_id", "555.1718000000") == .none)
        #expect(cat("anonymousId", "00000000-0000-4000-8000-000000000004") == .none)
        #expect(cat("appsecret_proof", String(repeating: "ab", count: 32), .query) == .none)
    }

    @Test("opaque names: value validators decide")
    func opaque() {
        #expect(cat("data[1].v", "ana@bol.com.br") == .email)
        #expect(cat("eVar51", "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36") == .user_agent)
        #expect(cat("cd11", "208.72.196.11", .query) == .ip_address)
        #expect(cat("data[0].v", "geo:50.789231,-1.516338") == .geolocation)
        #expect(cat("eVar71", "FR1420041010050500013M02606") == .iban)
        #expect(cat("data[3].v", "5330-2690-2366-2183") == .credit_card)
        #expect(cat("doc", "ZZ 668348 T") == .national_id)
        #expect(cat("x3", "+448081570807") == .phone)
        // `+` and a country code is a phone even with a trunk 0 left in, in an opaque field or a text field.
        #expect(cat("eVar15", "+910407267430") == .phone)
        #expect(cat("data[0].custom_data.note", "+3103-8377198") == .phone)
        #expect(cat("eVar15", "+4412") != .phone)
        #expect(cat("properties.message", "call me back on (01412) 21940 pls") == .phone)
        #expect(cat("data[0].v", "04.02.1942") == .date_of_birth)
        #expect(cat("data[0].v", "06/26/2024") == .none)
        #expect(cat("eVar20", "Hartmannring 198") == .street_address)
        // USPS street suffixes, compound street names, Iberian and Brazilian street types.
        for street in ["360 Stephen Fields", "9697 Lynch Plains", "0 Begum Meadow", "Emilypad 396", "Noahof 3",
                       "Siegfried-Hering-Platz 2-6", "C. Adolfo Bárcena 33", "Urbanización Jacinta Alberto 90",
                       "Viela Moreira, 36", "961\nMerchant Ganj"] {
            #expect(cat("eVar20", street) == .street_address, "\(street)")
        }
        for plain in ["Level 3", "Size 42 EU", "2 items", "iPad 2", "Pack of 12"] { #expect(cat("eVar20", plain) != .street_address, "\(plain)") }
        #expect(cat("data[2].v", "fb.1.1718867954637.255984785") == .cookie_id)
        #expect(cat("data[0].v", "ORD-2025-234986") == .none)
    }

    @Test("opaque names: a town's shape, Japanese names, prefectures")
    func placesAndNames() {
        // Place prefixes, connectors, province codes, town endings; a person stays a person.
        for town in ["Port Glen", "South Janefort", "Bad Brückenau", "Pfaffenhofen an der Ilm", "Capelle aan den IJssel",
                     "Boyer-la-Forêt", "Montebello sul Sangro", "Driehuis NH", "Witzenhausen", "Donaldtown", "Kharagpur",
                     "Rozendaal", "Porto Alegre", "Karawal Nagar", "New Oliviatown", "Ashbury", "Hettstedt", "Werkhoven",
                     "Sint Annaland", "Moergestel"] {
            #expect(cat("eVar21", town) == .city, "\(town)")
        }
        for person in ["Maria Grande", "van der Laar", "Rosenberg", "Wagenvoort", "Goldstein", "Jonathan Hamilton",
                       "van den Broek", "Anna Werkhoven"] {
            #expect(![.city, .none].contains(cat("eVar8", person)), "\(person)")
        }
        // `New` is a place prefix only before a town's shape or a given name, not before a product's words.
        for product in ["New Arrivals", "New Balance", "New Customer"] { #expect(cat("eVar21", product) == .none, "\(product)") }
        // Japanese: kanji surnames, given names by their last kanji or in hiragana, full names; 村 after
        // one kanji is a surname, after two a village; 都/道 after a name is a prefecture.
        #expect(cat("data[0].v", "佐藤") == .name_last)
        #expect(cat("data[0].v", "木村") == .name_last)
        #expect(cat("data[0].v", "新島村") == .city)
        #expect(cat("data[0].v", "桃子") == .name_first)
        #expect(cat("data[0].v", "和也") == .name_first)
        #expect(cat("data[0].v", "あすか") == .name_first)
        #expect(cat("data[0].v", "晃") == .name_first)     // one kanji: a given name (surnames have two or more)
        #expect(cat("data[0].v", "くみ子") == .name_first)  // kana before a given-name ending
        #expect(cat("data[0].v", "拓真") == .name_first)
        #expect(cat("data[0].v", "男") == .gender)
        #expect(cat("data[0].v", "高橋 康弘") == .name_full)
        #expect(cat("data[0].v", "東京都") == .region)
        #expect(cat("data[0].v", "北海道") == .region)
        #expect(cat("properties.g", "男性") == .gender)
        // Particles and titles: a particle and one name is a surname; a title is not a word of the name.
        #expect(cat("eVar8", "de Gruijl") == .name_last)
        #expect(cat("eVar8", "van 't Erve") == .name_last)
        #expect(cat("data[1].v", "Honoré du Leconte") == .name_full)
        #expect(cat("data[1].v", "Dr. Pedro Henrique da Costa") == .name_full)
        // A leading street type makes a street without a number; Brazilian towns' last words.
        #expect(cat("eVar20", "rue Aubert") == .street_address)
        #expect(cat("eVar20", "Viela Lima") == .street_address)
        #expect(cat("eVar20", "rue") != .street_address)
        #expect(cat("eVar20", "Trevo de Macedo, 68") == .street_address)
        #expect(cat("cd13", "Pimenta do Sul") == .city)
        // Well-known cities by name under opaque keys; a product named after one is not a place.
        for town in ["Dresden", "Belo Horizonte", "Kraków", "Wolfsburg", "Ahmedabad"] { #expect(cat("eVar21", town) == .city, "\(town)") }
        #expect(cat("properties.products[0].name", "Berlin") == .none)
        #expect(cat("eVar8", "Lyons") != .city)
        #expect(cat("data[0].v", "カタカナ商品") == .none)
    }

    @Test("headers: user agent and forwarded client addresses")
    func headers() {
        #expect(cat("user-agent", "Mozilla/5.0 (X11; Linux x86_64)", .header) == .user_agent)
        #expect(cat("x-forwarded-for", "203.0.113.9, 10.0.0.1", .header) == .ip_address)
        #expect(cat("referer", "https://shop.example/thanks?email=jo%40mail.it", .header) == .email)
    }

    @Test("cookies by name: vendor browser ids and click ids")
    func cookies() {
        #expect(cat("_ga", "GA1.1.1345845985.1703385756", .cookie) == .cookie_id)
        #expect(cat("_fbp", "fb.1.1668086138509.1448037678", .cookie) == .cookie_id)
        #expect(cat("_fbc", "fb.1.1740612487047.IwAReYoAsxtgkNkdVSPPNExae", .cookie) == .click_id)
        #expect(cat("_gcl_aw", "GCL.1730284884.Cj0KCQ0mqUieSJdP2eV8Vbm", .cookie) == .click_id)
        #expect(cat("ajs_anonymous_id", "cb9c635f-07ad-48fa-9052-6f9d5cd7a6c0", .cookie) == .cookie_id)
        #expect(cat("ajs_user_id", "usr_bea7e8cbb19d", .cookie) == .user_id)
        #expect(cat("_uetvid", "5f74f51d2057e368c1121aeccbaf5ebb", .cookie) == .cookie_id)
        #expect(cat("cookie_consent", "granted", .cookie) == .none)
    }

    @Test("free text and URLs: an address inside gets the address's label")
    func text() {
        #expect(cat("dl", "https://x.eu/account/confirm?email=ys%40libero.it&step=2", .query) == .email)
        #expect(cat("context.page.url", "https://x.com/c/low?utm_source=google") == .none)
        #expect(cat("hotjar.feedback.comment", "Please send the invoice to ab@cd.org thanks") == .email)
    }
}
