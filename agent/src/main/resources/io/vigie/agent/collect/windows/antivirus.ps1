# Antivirus/EDR: Security Center (clients), Microsoft Defender status, and the service list (EDR agents).
$out = [ordered]@{}
$out.securityCenter = Vigie-Try {
    @(Get-CimInstance -Namespace 'root\SecurityCenter2' -ClassName AntiVirusProduct -OperationTimeoutSec 10 |
        ForEach-Object {
            $exe = [Environment]::ExpandEnvironmentVariables("$($_.pathToSignedProductExe)")
            [ordered]@{ displayName = $_.displayName; productState = $_.productState; timestamp = $_.timestamp
                exePresent = $(if ($exe) { Test-Path -LiteralPath $exe } else { $null }) } })
}
$out.defender = Vigie-Try {
    $s = Get-MpComputerStatus
    [ordered]@{ AMServiceEnabled = $s.AMServiceEnabled; AntivirusEnabled = $s.AntivirusEnabled
        RealTimeProtectionEnabled = $s.RealTimeProtectionEnabled
        AntivirusSignatureLastUpdated = Vigie-Date $s.AntivirusSignatureLastUpdated
        AntivirusSignatureAge = $s.AntivirusSignatureAge; AMRunningMode = "$($s.AMRunningMode)"
        IsTamperProtected = $s.IsTamperProtected; AMProductVersion = $s.AMProductVersion }
}
$out.services = Vigie-Try {
    @(Get-Service | ForEach-Object { [ordered]@{ Name = $_.Name; DisplayName = $_.DisplayName;
        Status = "$($_.Status)"; StartType = "$($_.StartType)" } })
}
$out
