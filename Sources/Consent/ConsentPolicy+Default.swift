extension ConsentPolicy {
    /// The embedded default policy (`consenttap` prints it for users to copy and edit).
    ///
    /// opt_in (GDPR-like): every required purpose must be granted; a record that is silent on it
    /// is a violation. opt_out (CCPA-like): a required purpose must not be denied; advertising
    /// forwards also need the person not to have opted out of sale/share. Support CRM needs no
    /// consent purpose (contract).
    package static let defaultJSON = """
    {
      "version": 1,
      "default_regime": "opt_in",
      "regimes": {
        "opt_in": {
          "unknown": "violation",
          "categories": {
            "advertising": ["advertising"],
            "advertising_conversion": ["advertising"],
            "mobile_attribution": ["advertising"],
            "analytics": ["analytics"],
            "analytics_cdp": ["analytics"],
            "analytics_pipeline": ["analytics"],
            "cdp": ["analytics"],
            "cdp_pipeline": ["analytics"],
            "marketing": ["marketing"],
            "crm_marketing": ["marketing"],
            "crm_marketing_email": ["marketing"],
            "crm_support": [],
            "personalization": ["personalization"],
            "default": ["analytics"]
          }
        },
        "opt_out": {
          "unknown": "allowed",
          "categories": {
            "advertising": ["advertising", "sale_share"],
            "advertising_conversion": ["advertising", "sale_share"],
            "mobile_attribution": ["advertising", "sale_share"],
            "analytics": ["analytics"],
            "analytics_cdp": ["analytics"],
            "analytics_pipeline": ["analytics"],
            "cdp": ["analytics"],
            "cdp_pipeline": ["analytics"],
            "marketing": ["marketing"],
            "crm_marketing": ["marketing"],
            "crm_marketing_email": ["marketing"],
            "crm_support": [],
            "personalization": ["personalization"],
            "default": ["analytics"]
          }
        }
      }
    }
    """
}
