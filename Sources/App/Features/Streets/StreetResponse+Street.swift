import Domain
import LookupAPI

/// Gazetteer streets in the Lookup API's shapes: geometry as GeoJSON in British National Grid,
/// the highway authority by SWA code and organisation name.
extension Components.Schemas.StreetResponse {
    init(_ street: Street, authorityName: String) {
        let authority = Components.Schemas.PrimaryNoticeAuthority(
            swaCode: street.authoritySWACode, name: authorityName,
            locationDescription: LookupAPIHandler.wholeStreet)
        self.init(
            usrn: Double(street.usrn), streetDescriptor: street.name, area: street.area, town: street.town,
            authority: authorityName, authoritySwaCode: street.authoritySWACode,
            roadCategory: Double(street.roadCategory),
            reinstatementTypes: street.reinstatementTypeCodes.map(Components.Schemas.ReinstatementTypeDetails.init),
            trafficSensitive: street.isTrafficSensitive,
            primaryNoticeAuthorities: [authority],
            interestAuthorities: [
                .init(
                    name: authorityName, locationDescription: authority.locationDescription, swaCode: authority.swaCode)
            ],
            additionalSpecialDesignationsResponse: street.designations.map(
                Components.Schemas.AdditionalSpecialDesignationsResponse.init),
            streetLine: street.geometry.lines.isEmpty
                ? nil : .init(_type: .multiLineString, coordinates: street.geometry.lines),
            streetCentrePoint: .init(_type: .point, coordinates: street.geometry.centrePoint))
    }
}

extension Components.Schemas.StreetSummaryResponse {
    init(_ street: Street, authorityName: String) {
        self.init(
            streetDescriptor: street.name, area: street.area, town: street.town, usrn: Double(street.usrn),
            administrativeArea: authorityName,
            streetCentrePoint: .init(_type: .point, coordinates: street.geometry.centrePoint))
    }
}

extension Components.Schemas.ReinstatementTypeDetails {
    init(_ code: Int) {
        self.init(
            reinstatementTypeCode: .init(rawValue: code) ?? ._999,
            reinstatementTypeCodeString: StreetCodeNames.reinstatementType(code), isActive: true)
    }
}

extension Components.Schemas.AdditionalSpecialDesignationsResponse {
    init(_ designation: SpecialDesignation) {
        self.init(
            streetSpecialDesigCode: .init(rawValue: designation.code) ?? ._999,
            streetSpecialDesigCodeString: StreetCodeNames.designation(designation.code),
            specialDesigLocationText: designation.locationText,
            specialDesigDescription: designation.description,
            specialDesigStartTime: designation.startTime.map(Double.init),
            specialDesigEndTime: designation.endTime.map(Double.init),
            specialDesigPeriodicityCode: designation.periodicityCode.flatMap { .init(rawValue: $0) },
            specialDesigPeriodicityCodeString: designation.periodicityCode.flatMap(StreetCodeNames.periodicity),
            wholeRoad: designation.wholeRoad)
    }
}
