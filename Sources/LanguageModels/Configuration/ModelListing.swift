/// A model a provider offers (`dabrepo agent models`): its id, which `--model` takes, and a detail
/// (a display name, an owner, a serving endpoint's served model).
public struct ModelListing: Sendable, Equatable, Codable {
    public var id: String
    public var detail: String?

    public init(id: String, detail: String? = nil) {
        self.id = id
        self.detail = detail
    }
}
