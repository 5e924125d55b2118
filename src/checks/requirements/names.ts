/** The deployment requirements `--require` and `checks.require` know (docs/checks.md). */
export const REQUIREMENT_NAMES = ['offline', 'ibr', 'direct-tls', 'dialback'] as const;

export type RequirementName = (typeof REQUIREMENT_NAMES)[number];
