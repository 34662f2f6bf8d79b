# Remote access settings from the registry and the service list (no admin). Installed programs come from the
# uninstall keys, never from the MSI product class of WMI (querying it triggers MSI repairs).
$out = [ordered]@{}
$ts = 'SYSTEM\CurrentControlSet\Control\Terminal Server'
$tsPolicy = 'SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
$out.rdp = Vigie-Try {
    [ordered]@{
        fDenyTSConnections = Vigie-Reg $ts 'fDenyTSConnections'
        UserAuthentication = Vigie-Reg "$ts\WinStations\RDP-Tcp" 'UserAuthentication'
        PortNumber = Vigie-Reg "$ts\WinStations\RDP-Tcp" 'PortNumber'
        PolicyDenyTSConnections = Vigie-Reg $tsPolicy 'fDenyTSConnections'
        PolicyUserAuthentication = Vigie-Reg $tsPolicy 'UserAuthentication'
    }
}
$wsman = 'SOFTWARE\Microsoft\Windows\CurrentVersion\WSMAN'
$out.winrm = Vigie-Try {
    $listeners = @()
    $k = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey("$wsman\Listener")
    if ($null -ne $k) {
        try {
            foreach ($n in $k.GetSubKeyNames()) {
                $sub = $k.OpenSubKey($n)
                $listeners += [ordered]@{ Key = $n; Port = $sub.GetValue('Port') }
                $sub.Close()
            }
        } finally { $k.Close() }
    }
    [ordered]@{ Listeners = $listeners
        AllowUnencrypted = Vigie-Reg "$wsman\Service" 'allow_unencrypted'
        PolicyAllowUnencrypted = Vigie-Reg 'SOFTWARE\Policies\Microsoft\Windows\WinRM\Service' 'AllowUnencryptedTraffic' }
}
# SMBv1: the server accepts it when its driver (srv, absent once the SMB1 feature is removed) is installed and
# LanmanServer's SMB1 value is not 0; the client when mrxsmb10 exists and is not disabled (Start=4).
$out.smb = Vigie-Try {
    $cfg = Vigie-Try { [ordered]@{ EnableSMB1Protocol = (Get-SmbServerConfiguration).EnableSMB1Protocol } }
    [ordered]@{
        ServerConfiguration = $cfg
        Smb1Value = Vigie-Reg 'SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters' 'SMB1'
        SrvDriverStart = Vigie-Reg 'SYSTEM\CurrentControlSet\Services\srv' 'Start'
        Mrxsmb10Start = Vigie-Reg 'SYSTEM\CurrentControlSet\Services\mrxsmb10' 'Start'
    }
}
# SNMP service (the "SNMP Service" feature): each community is a value name under ValidCommunities, its data the
# rights (1 none, 2 notify, 4 read only, 8 read write, 16 read create; Microsoft Learn, SNMP service registry
# entries). Community names are passwords: only the well-known defaults leave the machine, by name (case-sensitive).
$out.snmp = Vigie-Try {
    $communities = @()
    $k = [Microsoft.Win32.Registry]::LocalMachine.OpenSubKey('SYSTEM\CurrentControlSet\Services\SNMP\Parameters\ValidCommunities')
    if ($null -ne $k) {
        try {
            foreach ($n in $k.GetValueNames()) {
                $default = if (@('public', 'private') -ccontains $n) { $n } else { $null }
                $communities += [ordered]@{ Default = $default; Rights = $k.GetValue($n) }
            }
        } finally { $k.Close() }
    }
    [ordered]@{ Installed = (Vigie-RegKeyExists 'SYSTEM\CurrentControlSet\Services\SNMP'); Communities = $communities }
}
$out.services = Vigie-Try {
    @(Get-Service | ForEach-Object { [ordered]@{ Name = $_.Name; DisplayName = $_.DisplayName;
        Status = "$($_.Status)"; StartType = "$($_.StartType)" } })
}
# Installed programs from the uninstall keys (64-bit, 32-bit and the loaded user hives).
$out.programs = Vigie-Try {
    $paths = @('HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*',
        'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\*')
    foreach ($h in @(Get-ChildItem -LiteralPath 'Registry::HKEY_USERS' -ErrorAction SilentlyContinue)) {
        $paths += "Registry::$($h.Name)\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*"
    }
    @(Get-ItemProperty -Path $paths -ErrorAction SilentlyContinue | Where-Object { $_.DisplayName } |
        ForEach-Object { [ordered]@{ DisplayName = $_.DisplayName; DisplayVersion = $_.DisplayVersion; Publisher = $_.Publisher } })
}
$out
