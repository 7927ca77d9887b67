import Testing
@testable import Consent
