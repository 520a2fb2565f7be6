package com.liferay.exportimport.kernel.staging

// 7.x com.liferay.exportimport.kernel.staging.StagingUtil (the methods the script uses)
class StagingUtil {
	static long publishLayouts(long userId, long sourceGroupId, long targetGroupId,
			boolean privateLayout, Map<String, String[]> parameterMap) {
		println("CALL publishLayouts7 " + userId + " " + sourceGroupId + " " + targetGroupId + " " +
			privateLayout + " " + parameterMap.get("range")[0])
		4242L
	}

	static long copyRemoteLayouts(long sourceGroupId, boolean privateLayout,
			Map<Long, Boolean> layoutIdMap, Map<String, String[]> parameterMap,
			String remoteAddress, int remotePort, String remotePathContext,
			boolean secureConnection, long remoteGroupId, boolean remotePrivateLayout) {
		println("CALL copyRemoteLayouts7 " + sourceGroupId + " " + privateLayout + " " +
			layoutIdMap.size() + " " + remoteAddress + ":" + remotePort + remotePathContext + " " +
			remoteGroupId + " " + parameterMap.get("range")[0])
		4243L
	}
}
