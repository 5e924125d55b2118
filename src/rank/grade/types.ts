/**
 * What grading concludes about one host. Every grade, cap and point names the fact paths it read
 * (`c2sTls[0].versionsAccepted`) and the indices of `HostFacts.evidence` behind them, so a reader can
 * follow any number back to what the server sent.
 */

export type Letter = 'A+' | 'A' | 'A-' | 'B' | 'C' | 'D' | 'E' | 'F';
/** `unknown` when the facts a grade needs were not learned: never a default letter. */
export type TlsGradeValue = Letter | 'unknown';

/** Where a conclusion came from. */
export interface Trace {
  /** Fact paths read, e.g. "c2sTls[1].certificate.daysToExpiry". */
  facts: string[];
  /** Indices into HostFacts.evidence whose `facts` cover those paths. */
  evidence: number[];
}

/** A rule that limited (or lifted) the letter, e.g. TLS 1.0 accepted → at most B. */
export interface GradeRule extends Trace {
  id: string;
  /** The letter this rule allows at most (or grants, for A+). */
  letter: Letter;
  why: string;
}

export interface EndpointGrade extends Trace {
  /** "starttls 127.0.0.1:5222". */
  endpoint: string;
  grade: TlsGradeValue;
  /** The guide's 0–100 numbers; absent when unknown. */
  score?: { protocol: number; keyExchange: number; cipher: number; total: number };
  rules: GradeRule[];
  unknown?: string;
}

/** One TLS direction (c2s or s2s): the worst of its endpoints, a client may land on any of them. */
export interface TlsGrade extends Trace {
  grade: TlsGradeValue;
  endpoints: EndpointGrade[];
  unknown?: string;
}

/** A scored property; `earned` null when its facts are unknown (it then earns nothing, shown as unknown). */
export interface Point extends Trace {
  id: string;
  label: string;
  max: number;
  earned: number | null;
  why: string;
}

export interface ComplianceItem extends Trace {
  id: string;
  label: string;
  /** The XEP the suite lists for it. */
  xep: string;
  present: boolean | null;
}

export interface ComplianceGrade {
  items: ComplianceItem[];
  /** Percent of the items whose presence is known that are present; null when none is known. */
  percent: number | null;
  known: number;
}

/** One share of the total score. */
export interface ScorePart {
  part: 'c2sTls' | 's2sTls' | 'security' | 'compliance' | 'federation';
  points: number;
  max: number;
  from: string;
}

export interface HostGrades {
  domain: string;
  /** Set when the host could not be probed at all: every part is unknown and it ranks last. */
  unreachable?: string;
  c2sTls: TlsGrade;
  s2sTls: TlsGrade;
  security: Point[];
  compliance: ComplianceGrade;
  federation: Point[];
  total: number;
  parts: ScorePart[];
}
