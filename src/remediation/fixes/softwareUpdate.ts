// Software-update findings (individual recommendations of category SoftwareUpdate) are fixed by installing a newer
// version of a package, on the machine or in the image. The bot cannot run that for you; it says precisely which
// version fixes which CVEs, from the finding's own fields (DetectedSoftwareVersions, FixedVersion, CvesDetails).
export interface SoftwareUpdateFinding {
  packageName?: string;
  detectedVersions: readonly string[];
  /** Empty or missing: no fixed version is published yet. */
  fixedVersion?: string;
  cves: readonly string[];
}

export interface SoftwareUpdateAdvice {
  hasFixedVersion: boolean;
  /** One plain sentence: what to update, from which version to which, and the CVEs that fixes. */
  sentence: string;
  packageName: string;
  fixedVersion?: string;
  cves: string[];
}

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

export function softwareUpdateAdvice(finding: SoftwareUpdateFinding): SoftwareUpdateAdvice {
  const packageName = finding.packageName?.trim() || 'the affected package';
  const cves = [...new Set(finding.cves.map((cve) => cve.trim().toUpperCase()).filter((cve) => cve.length > 0))].sort();
  const detected = [...new Set(finding.detectedVersions.map((v) => v.trim()).filter((v) => v.length > 0))];
  const from = detected.length > 0 ? ` from ${list(detected)}` : '';
  const fixes = cves.length > 0 ? `; that version fixes ${list(cves)}` : '';
  const fixedVersion = finding.fixedVersion?.trim();
  if (fixedVersion) {
    return {
      hasFixedVersion: true,
      sentence: `Update ${packageName}${from} to ${fixedVersion} or later${fixes}.`,
      packageName,
      fixedVersion,
      cves,
    };
  }
  const affected = cves.length > 0 ? ` for ${list(cves)}` : '';
  return {
    hasFixedVersion: false,
    sentence: `No fixed version of ${packageName} is published yet${affected}; limit exposure of the resource and check again when the vendor releases one.`,
    packageName,
    cves,
  };
}
