import Foundation

/// What a plan can say once its preview's read-only calls ran, before anyone
/// confirms: the requirements the run would refuse on (a volume without a
/// snapshot, a version under Object Lock), added to each resource's notice,
/// and the confirmation text filled with what the preview counted
/// (`delete 7 versions and delete markers in spill/exports/`).
enum ActionPreviewFindings {
    static func apply(to plan: inout ActionPlan) {
        for resource in plan.resources {
            guard let values = plan.values[resource.id] else { continue }
            var said: [String] = []
            for requirement in plan.definition.requires where requirement.decidable(with: values) {
                guard let reason = requirement.unmet(in: values) else { continue }
                said.append((requirement.forceable ? "the run will refuse unless --force: " : "the run will refuse: ") + reason)
            }
            guard !said.isEmpty else { continue }
            plan.notices[resource.id] = ([plan.notices[resource.id]].compactMap { $0 } + said).joined(separator: "; ")
        }
        guard plan.definition.risk == .destructive, let template = plan.definition.confirm,
              PlanText.references(template).contains(where: { $0 != "resource" && plan.parameters[$0] == nil }) else { return }
        plan.confirmationText = plan.resources.map { resource in
            PlanText.say(template, values: plan.values[resource.id] ?? TemplateValues(), leaveUnknown: true)
        }.joined(separator: "; ")
    }
}
