# Windows Firewall from the active (enforced, GPO merged) policy through HNetCfg.FwPolicy2: numbers, no text.
$out = [ordered]@{}
$out.fwPolicy2 = Vigie-Try {
    $fw = New-Object -ComObject HNetCfg.FwPolicy2
    $profiles = @()
    foreach ($p in 1, 2, 4) {
        $profiles += [ordered]@{ Type = $p; FirewallEnabled = $fw.FirewallEnabled($p); DefaultInboundAction = [int]$fw.DefaultInboundAction($p) }
    }
    [ordered]@{ CurrentProfileTypes = [int]$fw.CurrentProfileTypes; Profiles = $profiles }
}
if ($out.fwPolicy2 -is [Collections.IDictionary] -and $out.fwPolicy2.Contains('error')) {
    $out.netFirewallProfile = Vigie-Try {
        @(Get-NetFirewallProfile -PolicyStore ActiveStore | ForEach-Object {
            [ordered]@{ Name = "$($_.Name)"; Enabled = "$($_.Enabled)"; DefaultInboundAction = "$($_.DefaultInboundAction)" } })
    }
}
$out.mpssvc = Vigie-Try { "$((Get-Service -Name mpssvc).Status)" }
# Third-party firewalls register with Security Center; the namespace does not exist on Windows Server.
$out.securityCenter = Vigie-Try {
    @(Get-CimInstance -Namespace 'root\SecurityCenter2' -ClassName FirewallProduct -OperationTimeoutSec 10 |
        ForEach-Object { [ordered]@{ displayName = $_.displayName; productState = $_.productState } })
}
$out
