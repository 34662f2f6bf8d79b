# BitLocker / device encryption through Win32_EncryptableVolume (admin only). The methods are called: the cached
# ProtectionStatus property can be stale (seen on build 26100).
if (-not $vigieMeta.elevated) { return [ordered]@{ skipped = 'not elevated' } }
$out = [ordered]@{ systemDrive = "$env:SystemDrive" }
$ns = 'root\CIMV2\Security\MicrosoftVolumeEncryption'
$out.volumes = Vigie-Try {
    $list = @()
    foreach ($v in @(Get-CimInstance -Namespace $ns -ClassName Win32_EncryptableVolume -OperationTimeoutSec 15)) {
        $prot = Invoke-CimMethod -InputObject $v -MethodName GetProtectionStatus -OperationTimeoutSec 15
        $conv = Invoke-CimMethod -InputObject $v -MethodName GetConversionStatus -OperationTimeoutSec 15
        $lock = Invoke-CimMethod -InputObject $v -MethodName GetLockStatus -OperationTimeoutSec 15
        $meth = Invoke-CimMethod -InputObject $v -MethodName GetEncryptionMethod -OperationTimeoutSec 15
        $keys = Invoke-CimMethod -InputObject $v -MethodName GetKeyProtectors -Arguments @{ KeyProtectorType = [uint32]0 } -OperationTimeoutSec 15
        $list += [ordered]@{
            DriveLetter = $v.DriveLetter; DeviceID = $v.DeviceID; VolumeType = $v.VolumeType
            ProtectionStatus = $prot.ProtectionStatus; ConversionStatus = $conv.ConversionStatus
            EncryptionPercentage = $conv.EncryptionPercentage; LockStatus = $lock.LockStatus
            EncryptionMethod = $meth.EncryptionMethod; KeyProtectorCount = @($keys.VolumeKeyProtectorID).Count
        }
    }
    $list
}
# Without the BitLocker namespace (Server without the feature) list the fixed volumes, none of them encrypted.
if ($out.volumes -is [Collections.IDictionary] -and $out.volumes.Contains('error')) {
    $out.fixedVolumes = Vigie-Try {
        @(Get-CimInstance -ClassName Win32_Volume -Filter 'DriveType=3' -OperationTimeoutSec 10 |
            Where-Object { $_.DriveLetter } | ForEach-Object { [ordered]@{ DriveLetter = $_.DriveLetter; DeviceID = $_.DeviceID } })
    }
}
$out
